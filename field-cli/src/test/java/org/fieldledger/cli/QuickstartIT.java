package org.fieldledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's quickstart exactly as written, with bash at the repository root, on a free port: the commands a
 * newcomer pastes are the ones tested. Only its build line is left out, because this test runs inside that build.
 */
class QuickstartIT {
    private static final String BEGIN = "<!-- quickstart:begin -->";
    private static final String END = "<!-- quickstart:end -->";

    @TempDir
    Path dir;

    @Test
    void readmeQuickstartRecordsOfflineAndTheVisitReachesTheServer() throws Exception {
        Path script = dir.resolve("quickstart.sh");
        // -e: any failing command fails the test; the trap stops a server the script left running when it fails, and
        // waits for it to be gone, so that the folders it writes in can be deleted.
        Files.writeString(script, "set -e -o pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true; wait' EXIT\n"
                + String.join("\n", quickstart()) + "\n", StandardCharsets.UTF_8);
        Path output = dir.resolve("quickstart.log");
        // The quickstart's mktemp folders (the server's data, the device's home) are made in here, and deleted with it.
        Path temporary = Files.createDirectory(dir.resolve("tmp"));
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(ServerProcess.REPO.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("PORT", Integer.toString(ServerProcess.freePort()));
        builder.environment().put("TMPDIR", temporary.toString());
        builder.environment().put("PATH", Path.of(ServerProcess.java()).getParent() + ":"
                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        Process process = builder.start();
        boolean finished = process.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        String log = Files.readString(output);

        assertThat(finished).as("the quickstart finished within 5 minutes:\n" + log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("Logged in", "wangyin-household-037  smoke-alarm-installation  due any time", "exit code 3: the server is down, the visit stays queued",
                "pending  1 to send", "sent 1 (1 accepted", "SYNCED  wangyin-household-037");
        assertThat(log).contains("\"siteId\":\"wangyin-household-037\"", "\"inspectorName\":\"wang.fang\"",
                "\"passed\":true");
        assertThat(log).contains("photos = 2 photo(s)", "resident_signature = signature", "uploaded 3 photo(s)",
                "\"complete\":true", "\"missingPhotos\":0", "NO_EXIF");
        assertThat(log.split("\"status\":\"RECEIVED\"", -1)).as("3 photos RECEIVED, in the visit and its evidence")
                .hasSize(7);
        assertThat(log).containsPattern("downloaded ([0-9]+) bytes; the server lists \\1\\b")
                .containsPattern("identical to docs/quickstart/(alarm-ceiling|phone-alert)\\.jpg");
    }

    /** The quickstart's commands: the lines of the fenced block between the markers, without the build. */
    static List<String> quickstart() throws Exception {
        List<String> readme = Files.readAllLines(ServerProcess.REPO.resolve("README.md"), StandardCharsets.UTF_8);
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        assertThat(begin).as("README.md has " + BEGIN).isNotNegative();
        assertThat(end).as("README.md has " + END + " after " + BEGIN).isGreaterThan(begin);
        List<String> commands = new ArrayList<>();
        for (String line : readme.subList(begin + 1, end)) {
            if (!line.startsWith("```") && !line.startsWith("mvn ")) {
                commands.add(line);
            }
        }
        assertThat(commands).as("the quickstart has commands").isNotEmpty();
        return commands;
    }
}
