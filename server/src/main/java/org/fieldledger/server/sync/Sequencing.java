package org.fieldledger.server.sync;

/**
 * The exactly-once rule, as a pure function: what to do with an incoming mutation given how far the device's sequence
 * has been processed and what, if anything, was already stored at its seq. See docs/protocol.md, "Exactly once".
 */
final class Sequencing {
    private Sequencing() {
    }

    enum Decision {
        /** Processed before with the same id and content: answer with the stored outcome. */
        DUPLICATE,
        /** The seq was used before for another id or other content: refuse, leave the stored one alone. */
        CONFLICT,
        /** The next seq: process it now. */
        PROCESS,
        /** An earlier seq is missing: leave it for a later push. */
        DEFER
    }

    /** What is stored at a seq: the mutation id and the SHA-256 of its content. */
    record Stored(String mutationId, String contentSha256) {
    }

    static Decision decide(long acknowledgedThrough, long seq, String mutationId, String contentSha256, Stored stored) {
        if (seq <= acknowledgedThrough) {
            boolean same = stored != null && stored.mutationId().equals(mutationId)
                    && stored.contentSha256().equals(contentSha256);
            return same ? Decision.DUPLICATE : Decision.CONFLICT;
        }
        return seq == acknowledgedThrough + 1 ? Decision.PROCESS : Decision.DEFER;
    }
}
