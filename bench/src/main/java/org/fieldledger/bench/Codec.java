package org.fieldledger.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.model.sync.PushRequest;
import org.fieldledger.model.sync.WireJson;

/**
 * The wire format's share of a push, on one thread and without a server: reading a push body of the workload's
 * visits, then writing each mutation's canonical text and its payload's and hashing both, as the server does for every
 * mutation before its writer sees it. On two cores this work and the database's share the machine, so what it saves
 * shows in the push figures; here it is measured apart, where a change to it can be told from the machine's moods.
 */
final class Codec {
    private static final int ROUNDS = 10;
    private static final long ROUND_NANOS = 1_000_000_000L;

    private Codec() {
    }

    record Figures(double readMicros, double writeMicros) {
    }

    /** Rounds of a second each; the fastest round's figures, per mutation (the rounds before it warm the compiler). */
    static Figures measure(int batchSize) throws NoSuchAlgorithmException {
        Workload work = new Workload(1, batchSize, batchSize);
        String body = new String(work.pushBodies(work.device(0)).get(0), StandardCharsets.UTF_8);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        List<Figures> rounds = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long reading = 0;
            long writing = 0;
            int mutations = 0;
            long end = System.nanoTime() + ROUND_NANOS;
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                PushRequest push = WireJson.readPushRequest(body);
                long read = System.nanoTime();
                for (Mutation mutation : push.mutations()) {
                    if (!mutation.isReadable()) {
                        throw new IllegalStateException("the workload's mutation is unreadable: " + mutation.problem());
                    }
                    sha256.digest(WireJson.writeMutation(mutation).getBytes(StandardCharsets.UTF_8));
                    sha256.digest(WireJson.writePayload(mutation.type(), mutation.payload())
                            .getBytes(StandardCharsets.UTF_8));
                }
                writing += System.nanoTime() - read;
                reading += read - start;
                mutations += push.mutations().size();
            }
            rounds.add(new Figures(reading / 1e3 / mutations, writing / 1e3 / mutations));
        }
        return rounds.stream().min(java.util.Comparator.comparingDouble(f -> f.readMicros() + f.writeMicros()))
                .orElseThrow();
    }
}
