package org.fieldledger.server.storage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The changes of the last write transactions to commit, numbered in the order they committed: a transaction that read
 * before its turn asks for those after the number it saw when it began ({@link Database#write(Database.Reads,
 * Database.Work)}). Only the last {@link #KEPT} are kept; a transaction that began reading before them learns that
 * they are no longer all known.
 */
final class CommittedChanges {
    /** Far more than commit while one transaction reads ahead: at most the one before it and its retries. */
    static final int KEPT = 64;

    private final ArrayDeque<WriteTransaction.Changes> recent = new ArrayDeque<>();
    private long last;

    /** The number of the last changes added; 0 before any. */
    synchronized long last() {
        return last;
    }

    /** After a transaction committed, or may have. */
    synchronized void add(WriteTransaction.Changes changes) {
        last++;
        recent.addLast(changes);
        if (recent.size() > KEPT) {
            recent.removeFirst();
        }
    }

    /**
     * The changes added after number {@code seen}, oldest first ({@code changes} null when some of them are no longer
     * kept), and the number of the last of them.
     */
    synchronized Since since(long seen) {
        long missing = last - seen;
        if (missing > recent.size()) {
            return new Since(null, last);
        }
        List<WriteTransaction.Changes> kept = new ArrayList<>(recent);
        return new Since(kept.subList(kept.size() - (int) missing, kept.size()), last);
    }

    record Since(List<WriteTransaction.Changes> changes, long last) {
    }
}
