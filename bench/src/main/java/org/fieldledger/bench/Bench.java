package org.fieldledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark (docs/benchmarks.md): our push and pull on SQLite and PostgreSQL against plain JDBC and PouchDB
 * Server, photo uploads against local disk and @tus/server, and pull cost as the ledger grows. Run by bench/run.
 */
public final class Bench {
    private Bench() {
    }

    static final class Options {
        int devices = 50;
        int visits = 2000;
        int batch = 100;
        int photos = 40;
        int uploadClients = 4;
        long[] growth = {10_000, 100_000, 1_000_000};
        List<String> backends = List.of("sqlite", "postgres");
        boolean quick;
        boolean shared;
        /** Only the push and pull of ours and of PouchDB Server, nothing written: for profiling the push path. */
        boolean syncOnly;
        boolean codec;
        Path root = Path.of(".");
        Path out;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--devices" -> options.devices = Integer.parseInt(args[++i]);
                    case "--visits" -> options.visits = Integer.parseInt(args[++i]);
                    case "--batch" -> options.batch = Integer.parseInt(args[++i]);
                    case "--photos" -> options.photos = Integer.parseInt(args[++i]);
                    case "--growth" -> options.growth = Arrays.stream(args[++i].split(","))
                            .mapToLong(Long::parseLong).toArray();
                    case "--backends" -> {
                        options.backends = List.of(args[++i].split(","));
                        for (String backend : options.backends) {
                            if (!backend.equals("sqlite") && !backend.equals("postgres")) {
                                throw new IllegalArgumentException("unknown backend " + backend
                                        + "; --backends takes sqlite, postgres or both, comma-separated");
                            }
                        }
                    }
                    case "--root" -> options.root = Path.of(args[++i]);
                    case "--out" -> options.out = Path.of(args[++i]);
                    case "--shared" -> options.shared = true;
                    case "--sync-only" -> options.syncOnly = true;
                    case "--codec" -> options.codec = true;
                    case "--quick" -> {
                        options.quick = true;
                        options.devices = 4;
                        options.visits = 250;
                        options.photos = 8;
                        options.growth = new long[] {10_000, 30_000};
                    }
                    default -> throw new IllegalArgumentException("unknown option " + arg + "; see docs/benchmarks.md");
                }
            }
            if (options.out == null) {
                // A smoke run never overwrites the committed figures.
                options.out = options.root.resolve(options.quick ? "bench/target/benchmarks-quick.md"
                        : "docs/benchmarks.md");
            }
            return options;
        }
    }

    /** One database's figures. */
    static final class BackendFigures {
        String name;
        String version;
        double raw;
        /** The database's own processes' CPU per mutation over the raw limit and over our push; null on SQLite. */
        Duration rawDatabaseCpu;
        Duration pushDatabaseCpu;
        OurSync.PushFigures push;
        OurSync.PullFigures pull;
        /** PouchDB Server's, measured right after ours on this database, so the two are compared minutes apart. */
        OurSync.PushFigures pouchPush;
        OurSync.PullFigures pouchPull;
        List<Growth.Point> growth = List.of();
    }

    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            // A typo in an option is the user's to fix: one line that names it, not a stack trace.
            System.err.println("bench: " + (e instanceof ArrayIndexOutOfBoundsException ? "the last option has no value"
                    : e instanceof NumberFormatException ? "not a number: " + e.getMessage() : e.getMessage()));
            System.exit(2);
            return;
        }
        if (options.codec) {
            Codec.Figures codec = Codec.measure(options.batch);
            System.out.printf("Wire format, one thread, a push of %d visits (20 answers): reading %.1f µs per mutation,"
                    + " writing and hashing %.1f µs per mutation%n", options.batch, codec.readMicros(),
                    codec.writeMicros());
            return;
        }
        Path root = options.root.toAbsolutePath().normalize();
        Path jar = root.resolve("server/target/fieldledger-server.jar");
        Path catalog = root.resolve("bench/catalog");
        Path nodeDir = root.resolve("bench/node");
        Path work = root.resolve("bench/target/run-" + System.currentTimeMillis());
        Files.createDirectories(work);
        Path log = work.resolve("processes.log");
        Workload workload = new Workload(options.devices, options.visits, options.batch);
        Workload warmUp = workload.warmUp();
        Instant started = Instant.now();
        System.out.printf("Field Ledger benchmark: %d devices x %d visits (20 answers), batches of %d; logs in %s%n",
                options.devices, options.visits, options.batch, work);

        List<BackendFigures> backends = new ArrayList<>();
        Map<String, Integer> warmUpRounds = new LinkedHashMap<>();
        Map<String, Double> uploads = new LinkedHashMap<>();
        String ourUploads = null;
        for (String name : options.backends) {
            BackendFigures figures = new BackendFigures();
            try (Backend backend = name.equals("postgres") ? new Backend.Postgres(work.resolve("pg"))
                    : new Backend.Sqlite()) {
                figures.name = backend.name();
                // The raw limit first, into a database the server's migrations made and nothing else touched.
                Path rawDir = Files.createDirectories(work.resolve(name + "-raw"));
                Map<String, String> env = backend.freshDatabase(rawDir);
                figures.version = backend instanceof Backend.Postgres pg ? "PostgreSQL " + pg.version()
                        : "SQLite " + org.sqlite.SQLiteJDBCLoader.getVersion() + " (sqlite-jdbc)";
                try (ServerProcess server = ServerProcess.start(jar, rawDir, catalog, env, log)) {
                    System.out.println("  " + backend.name() + ": schema made by the server on :" + server.port);
                }
                int writers = backend instanceof Backend.Postgres ? Math.min(8, options.devices) : 1;
                if (!options.syncOnly) {
                    warmUp(warmUpRounds, backend.name() + " raw JDBC", warmUp,
                            round -> RawJdbc.insertAll(backend, round, writers));
                    Duration databaseCpu = backend.cpuTime();
                    figures.raw = RawJdbc.insertAll(backend, workload, writers);
                    figures.rawDatabaseCpu = since(databaseCpu, backend.cpuTime());
                    System.out.printf("  %s raw JDBC (%d writer%s): %,.0f visits/s%s%n", backend.name(), writers,
                            writers == 1 ? "" : "s", figures.raw, cpuPerMutation(backend.name(),
                                    figures.rawDatabaseCpu, workload));
                }

                Path syncDir = Files.createDirectories(work.resolve(name + "-sync"));
                env = backend.freshDatabase(syncDir);
                try (ServerProcess server = ServerProcess.start(jar, syncDir, catalog, env, log)) {
                    List<String> tokens = OurSync.setUp(server.url(), workload);
                    List<String> warmUpTokens = OurSync.setUp(server.url(), warmUp);
                    warmUp(warmUpRounds, backend.name() + " push", warmUp,
                            round -> OurSync.push(server.url(), round, warmUpTokens).perSecond());
                    Duration cpuBefore = server.cpuTime();
                    Duration databaseCpu = backend.cpuTime();
                    figures.push = OurSync.push(server.url(), workload, tokens).withServerCpu(cpuBefore,
                            server.cpuTime());
                    figures.pushDatabaseCpu = since(databaseCpu, backend.cpuTime());
                    System.out.printf("  %s push: %,.0f mutations/s, batch p50 %.0f ms p99 %.0f ms%s%s%s%n",
                            backend.name(), figures.push.perSecond(), Stats.percentile(figures.push.batchNanos(), 50),
                            Stats.percentile(figures.push.batchNanos(), 99),
                            cpuPerMutation("server", figures.push.serverCpu(), workload),
                            cpuPerMutation(backend.name(), figures.pushDatabaseCpu, workload),
                            cpuPerMutation("harness", figures.push.harnessCpu(), workload));
                    figures.pull = OurSync.pullAll(server.url(), workload);
                    System.out.printf("  %s pull: %,d changes in %.1f s: %,.0f changes/s%n", backend.name(),
                            figures.pull.changes(), figures.pull.seconds(), figures.pull.perSecond());
                    if (ourUploads == null && !options.syncOnly) {
                        List<Uploads.Photo> photos = Uploads.photos(options.photos);
                        String token = OurSync.login(new Http(server.url()), Workload.username(0), OurSync.PASSWORD,
                                Workload.deviceId(0));
                        try {
                            uploads.put("ours", Uploads.tus(server.url(), "/api/v1/uploads", token, photos,
                                    options.uploadClients));
                            ourUploads = String.format("%.1f", uploads.get("ours"));
                        } catch (Uploads.NoEndpoint e) {
                            ourUploads = "n/a (no tus endpoint)";
                        }
                        System.out.println("  uploads, ours (" + backend.name() + "): " + ourUploads
                                + (uploads.containsKey("ours") ? " MB/s" : ""));
                        uploads.put("disk", Uploads.localDisk(work.resolve("disk-photos"), photos,
                                options.uploadClients));
                        try (NodePeer tus = NodePeer.tus(nodeDir, work.resolve("tus-peer"), log)) {
                            uploads.put("tus", Uploads.tus(tus.url(), "/files", null, photos, options.uploadClients));
                        }
                        System.out.printf("  uploads, local disk: %.1f MB/s, @tus/server: %.1f MB/s%n",
                                uploads.get("disk"), uploads.get("tus"));
                    }
                }

                // Our server is stopped and the push's database dropped before PouchDB Server is measured, so that it
                // shares the machine with neither.
                Path growthDir = Files.createDirectories(work.resolve(name + "-growth"));
                env = backend.freshDatabase(growthDir);
                measurePouch(figures, nodeDir, work.resolve("pouchdb-" + name), log, workload, warmUp, warmUpRounds);
                if (options.syncOnly) {
                    continue;
                }
                try (ServerProcess server = ServerProcess.start(jar, growthDir, catalog, env, log)) {
                    figures.growth = Growth.run(backend, server.url(), workload, options.growth);
                }
            }
            backends.add(figures);
        }

        if (options.syncOnly) {
            return;
        }

        String report = Report.markdown(options, workload, started, Instant.now(), backends, warmUpRounds, ourUploads,
                uploads);
        Files.createDirectories(options.out.toAbsolutePath().getParent());
        Files.writeString(options.out, report);
        System.out.println();
        System.out.println(report);
        System.out.println("Written to " + options.out);
    }

    /**
     * PouchDB Server, fresh, takes the same pushes and serves the same pull right after ours on {@code figures}'s
     * database (and our uploads): the machine's speed moves by a fifth within a run, and a peer measured once, at the
     * end, was compared with pushes of ours measured up to ten minutes before it.
     */
    private static void measurePouch(BackendFigures figures, Path nodeDir, Path dataDir, Path log, Workload workload,
                                     Workload warmUp, Map<String, Integer> warmUpRounds) throws Exception {
        try (NodePeer pouch = NodePeer.pouchdb(nodeDir, dataDir, log)) {
            String contender = "PouchDB Server (beside " + figures.name + ")";
            warmUp(warmUpRounds, contender, warmUp, round -> PouchSync.push(pouch.url(), round).perSecond());
            Duration cpuBefore = ServerProcess.cpuTime(pouch.process());
            figures.pouchPush = PouchSync.push(pouch.url(), workload).withServerCpu(cpuBefore,
                    ServerProcess.cpuTime(pouch.process()));
            System.out.printf("  %s push: %,.0f docs/s, batch p50 %.0f ms p99 %.0f ms%s%s; ours ÷ it: %.2fx%n",
                    contender, figures.pouchPush.perSecond(), Stats.percentile(figures.pouchPush.batchNanos(), 50),
                    Stats.percentile(figures.pouchPush.batchNanos(), 99), cpuPerMutation("server",
                            figures.pouchPush.serverCpu(), workload), cpuPerMutation("harness",
                            figures.pouchPush.harnessCpu(), workload),
                    figures.push.perSecond() / figures.pouchPush.perSecond());
            figures.pouchPull = PouchSync.pullAll(pouch.url(), workload);
            System.out.printf("  %s _changes: %,.0f changes/s%n", contender, figures.pouchPull.perSecond());
        }
    }

    /** Warm-up rounds sent to a contender at most. */
    static final int MAX_WARM_UP_ROUNDS = 10;
    /** Rounds in a row no faster than the fastest before them that end a contender's warm-up. */
    static final int PLATEAU_ROUNDS = 2;
    /**
     * Warm-up rounds sent to a contender at least: our push's rounds went on climbing until the sixth to eighth
     * (SQLite, 50 devices: 1,601, 1,644, 2,930, 3,586, 2,954, 5,355, 4,699, 4,995 mutations/s), its compiler compiling
     * methods as they came hot, while two flat rounds had often come by the fourth.
     */
    static final int MIN_WARM_UP_ROUNDS = 6;

    /** One warm-up round sent to a contender; its throughput, per second. */
    @FunctionalInterface
    interface WarmUpRound {
        double run(Workload round) throws Exception;
    }

    /**
     * Sends at least {@link #MIN_WARM_UP_ROUNDS} rounds of {@code warmUp}, then more until {@link #PLATEAU_ROUNDS} in a
     * row are each no more than 5% faster than the fastest before them, or {@link #MAX_WARM_UP_ROUNDS}: Java's compiler
     * goes on making a server's code faster for tens of thousands of mutations (a tenth of a quick run measured our
     * push still half compiled), Node's for fewer, and a contender timed before that is timed on code it would not run
     * for long. One slow round is not enough: on a machine whose runs vary by a sixth, a round slower by chance ended
     * warm-ups that were still climbing, and the server's compiler then took a twelfth of the machine while its push
     * was timed.
     *
     * @param rounds where the number of rounds sent to {@code contender} is put
     */
    static void warmUp(Map<String, Integer> rounds, String contender, Workload warmUp, WarmUpRound round)
            throws Exception {
        double fastest = 0;
        int flat = 0;
        List<String> rates = new ArrayList<>();
        for (int r = 0; r < MAX_WARM_UP_ROUNDS && (r < MIN_WARM_UP_ROUNDS || flat < PLATEAU_ROUNDS); r++) {
            double perSecond = round.run(warmUp.round(r));
            rates.add(String.format("%,.0f", perSecond));
            rounds.put(contender, r + 1);
            flat = r > 0 && perSecond <= fastest * 1.05 ? flat + 1 : 0;
            fastest = Math.max(fastest, perSecond);
        }
        System.out.printf("  %s warm-up, per second: %s%n", contender, String.join(", ", rates));
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The CPU used from {@code before} to {@code after}, or null where either is not known. */
    static Duration since(Duration before, Duration after) {
        return before == null || after == null ? null : after.minus(before);
    }

    /** ", {who} CPU n µs per mutation" over a push, or nothing where the platform does not tell CPU time. */
    private static String cpuPerMutation(String who, Duration used, Workload work) {
        return used == null ? "" : String.format(", %s CPU %.0f µs per mutation", who,
                used.toNanos() / 1e3 / work.total());
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String machine() {
        StringBuilder text = new StringBuilder();
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        text.append(Runtime.getRuntime().availableProcessors()).append(" cores (").append(cpu).append("), ")
                .append(memory / (1024L * 1024 * 1024)).append(" GiB memory, ").append(System.getProperty("os.name"))
                .append(' ').append(System.getProperty("os.version")).append(", Java ")
                .append(System.getProperty("java.version"));
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            text.append(", Node ").append(new String(node.getInputStream().readAllBytes()).trim());
        } catch (IOException e) {
            text.append(", no node");
        }
        return text.toString();
    }

    static String date(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
