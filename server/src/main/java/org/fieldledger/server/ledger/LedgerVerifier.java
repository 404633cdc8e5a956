package org.fieldledger.server.ledger;

import jakarta.inject.Singleton;
import java.util.List;
import org.fieldledger.server.storage.Database;
import org.fieldledger.server.storage.Sql;

/**
 * Re-checks the whole chain from the first entry: positions without gaps, each entry pointing at its predecessor's
 * hash, each hash matching its entry's content, and the head matching the last entry. Reads page by page, so a
 * ledger of millions of entries is checked in constant memory.
 */
@Singleton
public class LedgerVerifier {
    private static final int PAGE = 1000;

    private final Database database;

    LedgerVerifier(Database database) {
        this.database = database;
    }

    /** The verdict; {@code firstBroken} and {@code problem} say where and why the chain breaks, when it does. */
    public record Verification(boolean valid, long entriesChecked, String headHash, Long firstBroken, String problem) {
    }

    public Verification verify() {
        long checked = 0;
        String previousHash = LedgerEntry.GENESIS_HASH;
        long after = 0;
        while (true) {
            long from = after;
            List<LedgerEntry> page = database.read(connection -> Ledger.page(connection, from, PAGE));
            for (LedgerEntry entry : page) {
                String problem = problemWith(entry, checked + 1, previousHash);
                if (problem != null) {
                    return new Verification(false, checked, previousHash, entry.position(), problem);
                }
                previousHash = entry.entryHash();
                checked++;
                after = entry.position();
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return verifyHead(checked, previousHash);
    }

    private static String problemWith(LedgerEntry entry, long expectedPosition, String previousHash) {
        if (entry.position() != expectedPosition) {
            return "expected position " + expectedPosition + " next, found " + entry.position()
                    + ": entries are missing";
        }
        if (!entry.previousHash().equals(previousHash)) {
            return "does not point at the hash of the entry before it";
        }
        if (!entry.recomputedHash().equals(entry.entryHash())) {
            return "its content does not match its hash: the entry was changed after it was written";
        }
        return null;
    }

    private Verification verifyHead(long checked, String lastHash) {
        Object[] head = database.read(connection -> Sql.queryOne(connection,
                "SELECT position, entry_hash FROM ledger_head WHERE id = 1",
                row -> new Object[] {row.getLong(1), row.getString(2)})).orElseThrow();
        if ((long) head[0] != checked || !head[1].equals(lastHash)) {
            return new Verification(false, checked, lastHash, checked + 1,
                    "the ledger head says position " + head[0] + " but the chain ends at " + checked
                            + ": entries at the end are missing or the head was changed");
        }
        return new Verification(true, checked, lastHash, null, null);
    }
}
