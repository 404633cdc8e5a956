package org.fieldledger.server.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.fieldledger.server.catalog.CatalogReader;
import org.fieldledger.server.template.TemplateReader;
import org.junit.jupiter.api.Test;

/** Each way a hand-edited file goes wrong, reported as file:line: field: problem. */
class DocumentReaderTest {
    private static final String PLAN = "{\n"
            + "  \"format\": \"fieldledger-catalog/1\",\n"
            + "  \"plan\": {\n"
            + "    \"id\": \"jingkai-2025\",\n"
            + "    \"issuer\": \"济宁经济开发区管理委员会\",\n"
            + "    \"year\": 2025,\n"
            + "    \"documentNumber\": \"济开管发〔2025〕6号\",\n"
            + "    \"issuedOn\": \"2025-04-27\",\n"
            + "    \"title\": \"关于办好2025年“重点民生实事”的通知\",\n"
            + "    \"source\": \"000_06c20e7866e0cb90.txt\"\n"
            + "  },\n"
            + "  \"projects\": [\n"
            + "    {\n"
            + "      \"number\": 22,\n"
            + "      \"category\": null,\n"
            + "      \"name\": \"建设城市“口袋公园”\",\n"
            + "      \"summary\": null,\n"
            + "      \"content\": \"新建口袋公园一处，面积0.31万平方米。\",\n"
            + "      \"targets\": [],\n"
            + "      \"leadUnits\": [\"区城乡建设和交通局\"],\n"
            + "      \"cooperatingUnits\": [],\n"
            + "      \"areas\": [],\n"
            + "      \"deadline\": \"2025-12-31\"\n"
            + "    }\n"
            + "  ]\n"
            + "}\n";

    @Test
    void aValidFileReads() {
        assertThat(CatalogReader.read(DocumentSource.of("ok.json", PLAN)).projects()).hasSize(1);
    }

    @Test
    void brokenJsonNamesItsLine() {
        DocumentException e = read(PLAN.replace("\"summary\": null,", "\"summary\": null"));
        assertThat(e.line()).isEqualTo(18);
        assertThat(e.getMessage()).startsWith("broken.json:18: ").contains("not valid JSON");
    }

    @Test
    void anUnknownFieldIsNamed() {
        DocumentException e = read(PLAN.replace("\"category\": null,", "\"categry\": null,"));
        assertThat(e.getMessage()).isEqualTo("broken.json:15: projects[0].categry: unknown field 'categry'");
    }

    @Test
    void aMissingFieldIsNamed() {
        DocumentException e = read(PLAN.replace("      \"summary\": null,\n", ""));
        assertThat(e.field()).isEqualTo("projects[0].summary");
        assertThat(e.problem()).contains("is missing");
    }

    @Test
    void aWrongTypeIsNamedInTheFilesTerms() {
        DocumentException e = read(PLAN.replace("\"deadline\": \"2025-12-31\"", "\"deadline\": \"年底前\""));
        assertThat(e.getMessage()).isEqualTo("broken.json:23: projects[0].deadline: '年底前' is not a valid date (YYYY-MM-DD)");
    }

    @Test
    void aBrokenDomainRuleIsReportedAtItsElement() {
        DocumentException e = read(PLAN.replace("\"leadUnits\": [\"区城乡建设和交通局\"]", "\"leadUnits\": [\" \"]"));
        assertThat(e.line()).isEqualTo(20);
        assertThat(e.field()).isEqualTo("projects[0].leadUnits[0]");
        assertThat(e.problem()).isEqualTo("unit name must not be blank");
    }

    @Test
    void aTemplateQuestionWithAnotherTypesSettingIsRefusedAtItsLine() {
        String template = "{\n"
                + "  \"format\": \"fieldledger-template/1\",\n"
                + "  \"id\": \"elderly-canteen-check\",\n"
                + "  \"version\": 1,\n"
                + "  \"title\": \"老年人食堂检查\",\n"
                + "  \"siteKind\": \"CANTEEN\",\n"
                + "  \"projects\": [],\n"
                + "  \"questions\": [\n"
                + "    { \"id\": \"licence_displayed\", \"type\": \"YES_NO\", \"label\": \"许可证是否公示\", \"required\": true,\n"
                + "      \"unit\": \"张\" }\n"
                + "  ]\n"
                + "}\n";
        DocumentException e = catchThrowableOfType(DocumentException.class,
                () -> TemplateReader.read(DocumentSource.of("elderly-canteen-check.v1.json", template)));
        assertThat(e.getMessage()).isEqualTo("elderly-canteen-check.v1.json:9: questions[0]: question licence_displayed"
                + " of type YES_NO cannot have unit");
    }

    private static DocumentException read(String text) {
        return catchThrowableOfType(DocumentException.class,
                () -> CatalogReader.read(DocumentSource.of("broken.json", text)));
    }
}
