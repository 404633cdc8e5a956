package org.fieldledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.fieldledger.cli.Cli.Run;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field command against the real server jar: an inspector of 王因街道 logs in, records a smoke-alarm installation
 * check offline, and syncs it. Commands run in-process through picocli, and through the shaded jar as a person runs
 * them. Each test has its own inspector, household and device directory on one server.
 */
class FieldCliIT {
    private static final String WANGYIN = "王因街道";
    private static final String SMOKE_ALARM = "smoke-alarm-installation";
    private static final AtomicInteger NEXT = new AtomicInteger(1);
    private static ServerProcess server;
    @TempDir
    static Path serverDir;

    @TempDir
    Path dir;

    private Cli cli;
    private String inspector;
    private String household;

    @BeforeAll
    static void startServer() throws IOException {
        server = ServerProcess.launch(serverDir);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void inspectorWithAHousehold() throws IOException {
        server.ensureRunning();
        int n = NEXT.getAndIncrement();
        inspector = "wang.inspector" + n;
        household = "wangyin-household-" + (100 + n);
        server.createInspector(inspector, WANGYIN);
        server.createHousehold(household, WANGYIN, "张桂兰家" + n);
        cli = new Cli(dir.resolve("device"));
    }

    @Test
    void visitRecordedWhileTheServerIsDownIsQueuedAndReachesTheServerBySync() throws Exception {
        loginAndSync();
        server.stop();
        for (String[] offline : new String[][] {{"sites"}, {"templates"}, {"template", SMOKE_ALARM},
                {"assignments"}, {"actions"}, {"visits"}, {"status"}}) {
            assertSucceeds(cli.run(offline));
        }
        Run start = cli.run("visit", "start", household, SMOKE_ALARM);
        assertThat(start.exitCode()).as(start.toString()).isZero();
        String visit = start.out().trim();

        assertSucceeds(cli.run("visit", "answer", visit, "--file", answersFile().toString()));
        Run submit = cli.run("visit", "submit", visit);
        assertThat(submit.out()).contains("PASSED", "next `field sync`");
        Run offline = cli.run("sync");
        Run status = cli.run("status");

        assertThat(offline.exitCode()).as(offline.toString()).isEqualTo(ExitCode.SERVER_UNREACHABLE);
        assertThat(offline.err()).contains("server unreachable", "1 record stays queued");
        assertThat(status.out()).contains("pending  1 to send", "photos   3 waiting to upload, 0 refused");
        assertThat(cli.run("visit", "show", visit).out()).contains("  photo ", "photos  image/jpeg",
                "resident_signature  image/png", "pending upload");
        assertThat(cli.run("visits", "--state", "PENDING").out()).contains(visit);
        assertThat(cli.run("sites").out()).contains(household + "  张桂兰家").contains("PENDING");

        server.start();
        Run online = cli.run("sync");

        assertThat(online.exitCode()).as(online.toString()).isZero();
        assertThat(online.out()).contains("sent 1 (1 accepted");
        assertThat(cli.run("visits").out()).contains(visit + "  SYNCED");
        assertThat(online.out()).contains("uploaded 3 photo(s)");
        assertThat(online.err()).contains("photos: 3 done").containsPattern("photo [0-9a-f]{12} of visit " + visit
                + ": uploaded");
        assertThat(cli.run("status").out()).contains("pending  0", "photos   0 waiting to upload, 0 refused");
        assertThat(cli.run("visit", "show", visit).out()).contains("uploaded").doesNotContain("pending upload");
        ServerProcess.Response onServer = server.call("GET", "/api/v1/visits/" + visit, null,
                server.token(inspector, ServerProcess.INSPECTOR_PASSWORD));
        assertThat(onServer.status()).as(onServer.toString()).isEqualTo(200);
        JsonObject json = onServer.json();
        assertThat(json.get("siteId").getAsString()).isEqualTo(household);
        assertThat(json.get("inspectorName").getAsString()).isEqualTo(inspector);
        assertThat(json.getAsJsonObject("answers").getAsJsonObject("alarm_serial").get("value").getAsString())
                .isEqualTo("JTY-GD-2024-0137");
        JsonObject evidence = json.getAsJsonObject("evidence");
        assertThat(evidence.get("complete").getAsBoolean()).as(evidence.toString()).isTrue();
        assertThat(evidence.getAsJsonArray("photos")).hasSize(3)
                .allSatisfy(photo -> assertThat(photo.getAsJsonObject().get("status").getAsString()).isEqualTo("RECEIVED"));
    }

    @Test
    void aPhotoTheServerRefusesIsListedWithItsReasonAndItsVisitStaysPending() throws Exception {
        loginAndSync();
        String visit = cli.run("visit", "start", household, SMOKE_ALARM).out().trim();
        assertSucceeds(cli.run("visit", "answer", visit, "--file", answersFile().toString()));
        Path huge = TestImages.write(dir.resolve("huge.jpg"), "huge " + household);
        // larger than the test server's FIELDLEDGER_PHOTO_MAX_SIZE; the device only checks that it is a JPEG
        Files.write(huge, new byte[1_200_000], StandardOpenOption.APPEND);
        assertSucceeds(cli.run("photo", "attach", visit, "photos", huge.toString()));
        assertSucceeds(cli.run("visit", "submit", visit));

        Run sync = cli.run("sync");

        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(sync.out()).contains("uploaded 3 photo(s), 1 refused", "1 photo(s) refused by the server");
        assertThat(sync.err()).containsPattern("photo [0-9a-f]{12} of visit " + visit + ": refused: PAYLOAD_TOO_LARGE");
        assertThat(cli.run("status").out()).contains("photos   0 waiting to upload, 1 refused by the server",
                "FAILED: PAYLOAD_TOO_LARGE");
        assertThat(cli.run("visit", "show", visit).out()).contains("state     PENDING", "FAILED: PAYLOAD_TOO_LARGE");
    }

    @Test
    void photosAreAttachedThroughTheDeviceAndANonImageIsRefusedChangingNothing() throws Exception {
        loginAndSync();
        String visit = cli.run("visit", "start", household, SMOKE_ALARM).out().trim();
        Path one = TestImages.write(dir.resolve("one.jpg"), "one " + household);
        Path two = TestImages.write(dir.resolve("two.jpg"), "two " + household);
        Path three = TestImages.write(dir.resolve("three.jpg"), "three " + household);
        Path notes = Files.writeString(dir.resolve("notes.jpg"), "not a picture");

        Run attach = cli.run("photo", "attach", visit, "photos", one.toString(), two.toString());
        Run more = cli.run("photo", "attach", visit, "photos", three.toString());
        Run refused = cli.run("photo", "attach", visit, "photos", notes.toString());
        Run notPhotos = cli.run("photo", "attach", visit, "alarm_serial", one.toString());
        Path signed = TestImages.write(dir.resolve("signature.png"), "signed " + household);
        Run signature = cli.run("visit", "answer", visit, "resident_signature", signed.toString());

        assertThat(attach.exitCode()).as(attach.toString()).isZero();
        assertThat(attach.out()).contains("photos = 2 photo(s)");
        assertThat(more.out()).as(more.toString()).contains("photos = 3 photo(s)");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCode.INVALID_ANSWER);
        assertThat(refused.err()).contains("photos", "notes.jpg", "Nothing was saved");
        assertThat(notPhotos.exitCode()).isEqualTo(ExitCode.INVALID_ANSWER);
        assertThat(notPhotos.err()).contains("takes no photos");
        assertThat(signature.exitCode()).as(signature.toString()).isZero();
        Run shown = cli.run("visit", "show", visit);
        assertThat(shown.out()).contains("photos = 3 photo(s)", "resident_signature = signature");
        assertThat(cli.run("photo", "list", visit).out().lines().filter(line -> line.contains("pending upload")))
                .hasSize(4);
        assertSucceeds(cli.run("visit", "answer", visit, "photos", one + "," + two));
        assertThat(cli.run("photo", "list", visit).out().lines().filter(line -> line.contains("pending upload")))
                .as("the replaced photo is no longer listed").hasSize(3);
    }

    @Test
    void assignmentIsListedUntilItsVisitIsSyncedAndAFailedCheckOpensACorrectiveAction() throws Exception {
        server.assign(household, SMOKE_ALARM, "2026-12-31", "复查报警器安装位置");
        loginAndSync();
        assertThat(cli.run("assignments").out()).contains(household, SMOKE_ALARM, "due 2026-12-31", "复查报警器安装位置");
        String visit = cli.run("visit", "start", household, SMOKE_ALARM).out().trim();
        assertSucceeds(cli.run("visit", "answer", visit, "--file", answersFile().toString()));
        assertSucceeds(cli.run("visit", "answer", visit, "placement", "5"));

        Run submit = cli.run("visit", "submit", visit);
        Run sync = cli.run("sync");

        assertThat(submit.out()).contains("FAILED [placement]");
        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(cli.run("assignments").out()).doesNotContain(household).contains("no open assignments");
        assertThat(cli.run("actions").out()).contains(household, "placement", "raised by visit " + visit);
    }

    @Test
    void wrongPasswordIsRefusedWithItsOwnExitCode() {
        Run run = cli.runWithInput("not-the-password\n", "login", server.url(), "--user", inspector,
                "--password-stdin");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.LOGIN_REFUSED);
        assertThat(run.err()).contains("wrong username or password");
        assertThat(cli.run("sites").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void unreachableServerAtLoginSaysSo() throws IOException {
        Run run = cli.runWithInput(ServerProcess.INSPECTOR_PASSWORD + "\n", "login",
                "http://localhost:" + ServerProcess.freePort(), "--user", inspector, "--password-stdin");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCode.SERVER_UNREACHABLE);
        assertThat(run.err()).contains("cannot reach");
    }

    @Test
    void invalidAnswerSaysWhichQuestionAndWhyAndSavesNothing() {
        loginAndSync();
        String visit = cli.run("visit", "start", household, SMOKE_ALARM).out().trim();
        assertSucceeds(cli.run("visit", "answer", visit, "alarm_serial", "JTY-GD-2024-0137"));

        Run badSerial = cli.run("visit", "answer", visit, "alarm_serial", "JTY/0137");
        Run badOption = cli.run("visit", "answer", visit, "placement", "ceiling");
        Run outOfRange = cli.run("visit", "answer", visit, "distance_to_wall_m", "25");
        Run unknown = cli.run("visit", "answer", visit, "alarm_colour", "white");

        assertThat(badSerial.exitCode()).as(badSerial.toString()).isEqualTo(ExitCode.INVALID_ANSWER);
        assertThat(badSerial.err()).contains("alarm_serial", "报警器序列号", "Nothing was saved");
        assertThat(badOption.exitCode()).isEqualTo(ExitCode.INVALID_ANSWER);
        assertThat(badOption.err()).contains("placement", "not one of its options", "bedroom_ceiling");
        assertThat(outOfRange.exitCode()).isEqualTo(ExitCode.INVALID_ANSWER);
        assertThat(outOfRange.err()).contains("distance_to_wall_m");
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.INVALID_ANSWER);
        assertThat(unknown.err()).contains("no question alarm_colour");
        Run shown = cli.run("visit", "show", visit);
        assertThat(shown.out()).contains("alarm_serial = JTY-GD-2024-0137").doesNotContain("placement =")
                .doesNotContain("distance_to_wall_m =");
    }

    @Test
    void incompleteVisitIsNotSubmittedAndEveryProblemIsListed() {
        loginAndSync();
        String visit = cli.run("visit", "start", household, SMOKE_ALARM).out().trim();
        cli.run("visit", "answer", visit, "resident_name", "张桂兰");

        Run submit = cli.run("visit", "submit", visit);

        assertThat(submit.exitCode()).as(submit.toString()).isEqualTo(ExitCode.INVALID_ANSWER);
        assertThat(submit.err()).contains("alarm_serial", "photos", "location", "nothing was submitted");
        assertThat(cli.run("visits", "--state", "LOCAL_ONLY").out()).contains(visit);
        assertThat(cli.run("status").out()).contains("pending  0");
    }

    @Test
    void promptAsksEachQuestionWithItsHintAndAsksAgainAfterAnInvalidAnswer() {
        loginAndSync();
        String visit = cli.run("visit", "start", household, SMOKE_ALARM).out().trim();

        // resident_name, then lives_alone twice (an answer it does not take, then yes), then stop (end of input)
        Run prompt = cli.runWithInput("张桂兰\nmaybe\nyes\n", "visit", "answer", visit);

        assertThat(prompt.exitCode()).as(prompt.toString()).isZero();
        assertThat(prompt.out()).contains("[1/15]", "老人姓名", "hint: 与摸排名册一致。", "[2/15]",
                "not accepted for lives_alone (老人独居): answer yes or no, not 'maybe'", "[3/15]",
                "hint: 按机身标签", "answers given so far are saved");
        assertThat(cli.run("visit", "show", visit).out()).contains("resident_name = 张桂兰", "lives_alone = yes");
    }

    @Test
    void promptAttachesPhotoFilesAndAsksAgainForAFileThatIsNotAnImage() throws Exception {
        loginAndSync();
        String visit = cli.run("visit", "start", household, SMOKE_ALARM).out().trim();
        Path one = TestImages.write(dir.resolve("prompt-one.jpg"), "prompt one " + household);
        Path two = TestImages.write(dir.resolve("prompt-two.jpg"), "prompt two " + household);
        Path signed = TestImages.write(dir.resolve("prompt-signature.png"), "prompt signed " + household);
        Path notes = Files.writeString(dir.resolve("notes.jpg"), "not a picture");

        // Enter past the 12 questions before photos, then a file that is no image, the two photos, the signature
        Run prompt = cli.runWithInput("\n".repeat(12) + notes + "\n" + one + "," + two + "\n" + signed + "\n",
                "visit", "answer", visit);

        assertThat(prompt.exitCode()).as(prompt.toString()).isZero();
        assertThat(prompt.out()).contains("[13/15]", "not accepted for photos", "notes.jpg", "[14/15]", "[15/15]");
        assertThat(cli.run("visit", "show", visit).out()).contains("photos = 2 photo(s)",
                "resident_signature = signature").containsPattern("photo [0-9a-f]{12}  photos  image/jpeg")
                .containsPattern("photo [0-9a-f]{12}  resident_signature  image/png");
    }

    @Test
    void expiredSessionAsksForANewLoginAndLosesNothing() throws Exception {
        loginAndSync();
        String visit = cli.run("visit", "start", household, SMOKE_ALARM).out().trim();
        assertSucceeds(cli.run("visit", "answer", visit, "--file", answersFile().toString()));
        assertSucceeds(cli.run("visit", "submit", visit));
        String userId = server.call("GET", "/api/v1/admin/users", null, server.adminToken()).json()
                .getAsJsonArray("items").asList().stream().map(user -> user.getAsJsonObject())
                .filter(user -> user.get("username").getAsString().equals(inspector))
                .findFirst().orElseThrow().get("id").getAsString();
        // disabling a user ends their sessions at once (docs/auth.md)
        server.call("PATCH", "/api/v1/admin/users/" + userId, "{\"enabled\":false}", server.adminToken());

        Run expired = cli.run("sync");

        assertThat(expired.exitCode()).as(expired.toString()).isEqualTo(ExitCode.SESSION_EXPIRED);
        assertThat(expired.err()).contains("log in again", "Nothing is lost", "1 record stays queued");
        assertThat(cli.run("status").out()).contains("session  EXPIRED");

        server.call("PATCH", "/api/v1/admin/users/" + userId, "{\"enabled\":true}", server.adminToken());
        login();
        Run synced = cli.run("sync");

        assertThat(synced.exitCode()).as(synced.toString()).isZero();
        assertThat(cli.run("visits").out()).contains(visit + "  SYNCED");
    }

    @Test
    void refusedCorrectionIsListedWithTheServersReason() throws Exception {
        loginAndSync();
        String visit = cli.run("visit", "start", household, SMOKE_ALARM).out().trim();
        assertSucceeds(cli.run("visit", "answer", visit, "--file", answersFile().toString()));
        assertSucceeds(cli.run("visit", "submit", visit));
        assertSucceeds(cli.run("sync"));
        // a colleague of the same town pulls the visit, and both correct it offline; the first correction to arrive wins
        String colleague = inspector + ".li";
        server.createInspector(colleague, WANGYIN);
        Cli colleagues = new Cli(dir.resolve("colleague"));
        assertSucceeds(colleagues.runWithInput(ServerProcess.INSPECTOR_PASSWORD + "\n", "login", server.url(),
                "--user", colleague, "--password-stdin"));
        assertSucceeds(colleagues.run("sync"));
        String theirs = colleagues.run("visit", "correct", visit).out().trim();
        assertSucceeds(colleagues.run("visit", "answer", theirs, "alarm_model", "海湾 JTY-GD-SA1202"));
        assertSucceeds(colleagues.run("visit", "submit", theirs));
        String mine = cli.run("visit", "correct", visit).out().trim();
        assertSucceeds(cli.run("visit", "answer", mine, "contact_phone", "13853754321"));
        assertSucceeds(cli.run("visit", "submit", mine));
        assertSucceeds(colleagues.run("sync"));

        Run sync = cli.run("sync");

        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(sync.out()).contains("1 refused", "`field status` shows why");
        assertThat(cli.run("status").out()).contains("refused  1", "SUBMIT_VISIT " + mine, "REVISION_CONFLICT");
        assertThat(cli.run("visits", "--state", "REJECTED").out()).contains(mine);
        assertThat(cli.run("visit", "show", mine).out()).contains("state     REJECTED", "REVISION_CONFLICT",
                "field visit correct " + mine);
    }

    @Test
    void theRealJarLogsInSyncsAndListsOffline() throws Exception {
        Map<String, String> env = Map.of("FIELD_PASSWORD", ServerProcess.INSPECTOR_PASSWORD);

        Run login = cli.runJar(env, "login", server.url(), "--user", inspector);
        Run sync = cli.runJar(Map.of(), "sync");
        Run sites = cli.runJar(Map.of(), "sites");
        Run template = cli.runJar(Map.of(), "template", SMOKE_ALARM);
        Run usage = cli.runJar(Map.of(), "visit", "start");

        assertThat(login.exitCode()).as(login.toString()).isZero();
        assertThat(login.out()).contains("Logged in", inspector);
        assertThat(sync.exitCode()).as(sync.toString()).isZero();
        assertThat(sites.out()).contains(household, WANGYIN, "SYNCED");
        assertThat(template.out()).contains("distance_to_wall_m", "a number in m from 0 to 20", "5. wall");
        assertThat(usage.exitCode()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void commandsNamingWhatIsNotOnTheDeviceAreUsageErrors() {
        assertThat(cli.run("visit", "start", household, SMOKE_ALARM).err()).contains("field login");
        loginAndSync();

        Run noSite = cli.run("visit", "start", "nowhere-001", SMOKE_ALARM);
        Run noTemplate = cli.run("template", "fire-hydrant-check");

        assertThat(noSite.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(noSite.err()).contains("no site nowhere-001");
        assertThat(noTemplate.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(cli.run("visit", "bogus").exitCode()).isEqualTo(ExitCode.USAGE);
    }

    private void loginAndSync() {
        login();
        assertSucceeds(cli.run("sync"));
    }

    private void login() {
        assertSucceeds(cli.runWithInput(ServerProcess.INSPECTOR_PASSWORD + "\n", "login", server.url(), "--user",
                inspector, "--password-stdin"));
    }

    private static void assertSucceeds(Run run) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    /** Every answer of a passing check, with two photos and a signature as files beside it. */
    private Path answersFile() throws IOException {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        TestImages.write(photos.resolve("ceiling.jpg"), "alarm on the bedroom ceiling " + household);
        TestImages.write(photos.resolve("phone.jpg"), "test alert on the phone " + household);
        TestImages.write(photos.resolve("signature.png"), "张桂兰 " + household);
        Path file = photos.resolve("answers.json");
        Files.writeString(file, """
                {"resident_name": "张桂兰", "lives_alone": true, "alarm_serial": "JTY-GD-2024-0137",
                 "alarm_model": "海湾 JTY-GD-SA1201", "placement": "bedroom_ceiling", "distance_to_wall_m": 0.8,
                 "test_sounds": true, "audible_at_bed": "yes", "phone_alert_received": true,
                 "contact_phone": "13853712345", "power_status": 1, "resident_trained": true,
                 "photos": ["ceiling.jpg", "phone.jpg"], "resident_signature": "signature.png",
                 "location": {"latitude": 35.4012, "longitude": 116.5633, "accuracyMeters": 6}}
                """, StandardCharsets.UTF_8);
        return file;
    }
}
