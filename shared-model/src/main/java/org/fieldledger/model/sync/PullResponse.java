package org.fieldledger.model.sync;

import java.util.List;
import java.util.Objects;
import org.fieldledger.model.internal.Checks;

/**
 * One page of {@code GET /api/v1/sync/pull}, in ascending position.
 *
 * @param cursor where the next page starts; opaque to the device, which stores it with the page it applied. Null
 *     only when the feed has nothing yet for this caller.
 * @param hasMore whether to ask again at once
 */
public record PullResponse(List<Change> changes, String cursor, boolean hasMore, Hlc serverClock) {
    public PullResponse {
        changes = Checks.immutableList(changes, "changes");
        for (int i = 1; i < changes.size(); i++) {
            if (changes.get(i).position() <= changes.get(i - 1).position()) {
                throw new IllegalArgumentException("changes must be in ascending position, but "
                        + changes.get(i).position() + " follows " + changes.get(i - 1).position());
            }
        }
        cursor = Checks.optionalText(cursor);
        if (hasMore && cursor == null) {
            throw new IllegalArgumentException("a page with more to follow must say where the next one starts");
        }
        Objects.requireNonNull(serverClock, "server clock");
    }
}
