package org.fieldledger.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Our server as its own process (the jar the README starts), on a loopback port of its own. */
final class ServerProcess implements AutoCloseable {
    static final String ADMIN_PASSWORD = "bench-admin-password-2026";

    private final Process process;
    final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ServerProcess start(Path jar, Path dataDir, Path catalogDir, Map<String, String> databaseEnv, Path log)
            throws IOException {
        int port = freePort();
        // The Java options the README recommends for a server that takes pushes (README, "Java options").
        List<String> command = new ArrayList<>(List.of(Bench.javaExecutable(), "-Xmx2g", "-XX:+UseParallelGC"));
        // For profiling the server under the benchmark's load, e.g.
        // BENCH_SERVER_JAVA_OPTIONS=-XX:StartFlightRecording=filename={data}/server.jfr
        String extra = System.getenv("BENCH_SERVER_JAVA_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().replace("{data}", dataDir.toString()).split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
        env.put("MICRONAUT_SERVER_HOST", "127.0.0.1");
        env.put("FIELDLEDGER_DATA_DIR", dataDir.toString());
        env.put("FIELDLEDGER_CATALOG_DIR", catalogDir.toString());
        env.put("FIELDLEDGER_ADMIN_PASSWORD", ADMIN_PASSWORD);
        // A full run outlasts the default 15 minutes; devices would refresh, which is not what is measured here.
        env.put("FIELDLEDGER_ACCESS_TOKEN_TTL", "3h");
        env.putAll(databaseEnv);
        ServerProcess server = new ServerProcess(builder.start(), port);
        try {
            Http.awaitUp(server.url() + "/health", Duration.ofMinutes(3), server.process);
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException("our server did not start; see " + log + ": " + e.getMessage(), e);
        }
        return server;
    }

    /**
     * The CPU time the server process has used so far, or null where the platform does not tell. Over a push it is a
     * steadier figure than the rate when the harness and the peers share the machine's cores with the server.
     */
    Duration cpuTime() {
        return cpuTime(process.toHandle());
    }

    /** The CPU time a process has used so far, or null where the platform does not tell. */
    static Duration cpuTime(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(null);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
