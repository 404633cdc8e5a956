package org.fieldledger.model.sync;

import java.util.List;
import java.util.regex.Pattern;
import org.fieldledger.model.internal.Checks;

/**
 * {@code POST /api/v1/sync/push}: a device's outbox mutations, in ascending {@code seq} (checked here). The 500-mutation
 * and 8 MB limits are the server's to enforce, with 413.
 */
public record PushRequest(String deviceId, List<Mutation> mutations) {
    /** A device id: chosen once per installation and user, 8-64 characters of {@code [A-Za-z0-9._-]}. */
    public static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9._-]{8,64}");
    /** The most mutations one push may carry. */
    public static final int MAX_MUTATIONS = 500;

    public PushRequest {
        checkDeviceId(deviceId);
        mutations = Checks.immutableList(mutations, "mutations");
        for (int i = 1; i < mutations.size(); i++) {
            if (mutations.get(i).seq() <= mutations.get(i - 1).seq()) {
                throw new IllegalArgumentException("mutations must be in ascending seq, but seq "
                        + mutations.get(i).seq() + " follows " + mutations.get(i - 1).seq());
            }
        }
    }

    public static String checkDeviceId(String deviceId) {
        if (deviceId == null || !DEVICE_ID.matcher(deviceId).matches()) {
            throw new IllegalArgumentException("device id '" + deviceId
                    + "' must be 8-64 characters of [A-Za-z0-9._-]");
        }
        return deviceId;
    }
}
