package org.fieldledger.cli;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs {@code field} commands against one device directory: in-process through picocli, or as the real jar. */
final class Cli {
    static final Path JAR = ServerProcess.REPO.resolve("field-cli/target/field.jar");

    private final Path home;

    Cli(Path home) {
        this.home = home;
    }

    /** What a command printed and how it exited. */
    record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    Run run(String... args) {
        return runWithInput("", args);
    }

    /** Runs in this JVM, with {@code input} as standard input; FIELD_HOME is the device directory. */
    Run runWithInput(String input, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> env = new HashMap<>();
        env.put("FIELD_HOME", home.toString());
        int exitCode = Field.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out), new PrintWriter(err), env);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** Runs {@code java -jar field-cli/target/field.jar}, as the {@code ./field} launcher does. */
    Run runJar(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServerProcess.java(), "-jar", JAR.toString(), "--home",
                home.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("field-out-", ".txt");
        Path err = Files.createTempFile("field-err-", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("field " + args[0] + " did not finish in 120 s");
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
