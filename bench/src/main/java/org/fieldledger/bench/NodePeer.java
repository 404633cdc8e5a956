package org.fieldledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A peer from bench/node (installed by bench/run with npm ci), run by node on a loopback port. */
final class NodePeer implements AutoCloseable {
    private final Process process;
    final int port;

    private NodePeer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    ProcessHandle process() {
        return process.toHandle();
    }

    /** PouchDB Server on its default LevelDB storage, in a directory of its own. */
    static NodePeer pouchdb(Path nodeDir, Path dataDir, Path log) throws IOException {
        int port = ServerProcess.freePort();
        Files.createDirectories(dataDir);
        return start(List.of("node", nodeDir.resolve("node_modules/pouchdb-server/bin/pouchdb-server").toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--dir", dataDir.toString(),
                "--config", dataDir.resolve("config.json").toString(), "--no-stdout-logs"), dataDir, port, log,
                "/");
    }

    /** @tus/server with @tus/file-store (bench/node/tus-peer.mjs), serving /files. */
    static NodePeer tus(Path nodeDir, Path dataDir, Path log) throws IOException {
        int port = ServerProcess.freePort();
        Files.createDirectories(dataDir);
        return start(List.of("node", nodeDir.resolve("tus-peer.mjs").toString(), Integer.toString(port),
                dataDir.toString()), nodeDir, port, log, null);
    }

    private static NodePeer start(List<String> command, Path workingDir, int port, Path log, String healthPath)
            throws IOException {
        Process process = new ProcessBuilder(new ArrayList<>(command)).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        NodePeer peer = new NodePeer(process, port);
        try {
            if (healthPath != null) {
                Http.awaitUp(peer.url() + healthPath, Duration.ofMinutes(1), process);
            } else {
                awaitListening(port, process);
            }
        } catch (RuntimeException e) {
            peer.close();
            throw new IllegalStateException(command.get(1) + " did not start; see " + log + ": " + e.getMessage(), e);
        }
        return peer;
    }

    private static void awaitListening(int port, Process process) {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("exited with " + process.exitValue());
            }
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Bench.sleep(200);
            }
        }
        throw new IllegalStateException("not listening on " + port);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
