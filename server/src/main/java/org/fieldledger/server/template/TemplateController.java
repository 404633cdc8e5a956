package org.fieldledger.server.template;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.util.List;
import org.fieldledger.model.ErrorCode;
import org.fieldledger.model.template.TemplateId;
import org.fieldledger.model.template.TemplateRef;
import org.fieldledger.server.error.ApiException;
import org.fieldledger.server.web.ItemList;

/** Checklist templates, served in the same document format they are published in. */
@Controller("/api/v1/templates")
class TemplateController {
    private final TemplateRepository templates;

    TemplateController(TemplateRepository templates) {
        this.templates = templates;
    }

    /** A template version as listed: its document, and whether it is retired. */
    record TemplateEntry(TemplateDocument template, boolean retired) {
    }

    /**
     * Every published version, newest first within a template.
     *
     * @param project only templates serving this project
     * @param retired also list versions withdrawn from use
     */
    @Get("{?project,retired}")
    ItemList<TemplateEntry> list(@Nullable @QueryValue String project, @Nullable @QueryValue Boolean retired) {
        List<TemplateEntry> entries = templates.all(Boolean.TRUE.equals(retired)).stream()
                .filter(stored -> project == null || stored.published().template().projects().stream()
                        .anyMatch(id -> id.value().equals(project)))
                .map(TemplateController::entry)
                .toList();
        return ItemList.of(entries);
    }

    /**
     * One template: the newest version in use, or the version asked for (retired versions stay readable, because
     * visits recorded against them must stay readable).
     */
    @Get("/{id}{?version}")
    TemplateEntry get(@PathVariable String id, @Nullable @QueryValue String version) {
        TemplateId templateId = parse(id);
        return (version == null ? templates.latest(templateId)
                : templates.find(new TemplateRef(templateId, versionOf(version))))
                .map(TemplateController::entry)
                .orElseThrow(() -> ApiException.notFound("Template " + id + (version == null ? "" : "@" + version)));
    }

    private static TemplateEntry entry(TemplateRepository.StoredTemplate stored) {
        return new TemplateEntry(TemplateDocument.of(stored.published().template()), stored.retired());
    }

    private static TemplateId parse(String id) {
        try {
            return new TemplateId(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter 'id': " + e.getMessage());
        }
    }

    private static int versionOf(String version) {
        try {
            int parsed = Integer.parseInt(version);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(ErrorCode.INVALID_PARAMETER, "Parameter 'version': '" + version
                + "' is not a version number (1, 2, …)");
    }
}
