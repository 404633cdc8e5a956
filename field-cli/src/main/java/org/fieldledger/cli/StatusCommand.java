package org.fieldledger.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.LocalPhoto;
import org.fieldledger.client.LocalVisit;
import org.fieldledger.client.PhotoUploadState;
import org.fieldledger.client.RejectedMutation;
import org.fieldledger.client.SyncState;
import org.fieldledger.client.SyncStatus;
import org.fieldledger.client.User;
import picocli.CommandLine.Command;

/** {@code field status}: who, which server, what waits to be sent, what the server refused and why. Offline. */
@Command(name = "status", description = "Pending outbox, records the server refused (with its reasons), last sync.")
final class StatusCommand implements Callable<Integer> {
    private final Field field;

    StatusCommand(Field field) {
        this.field = field;
    }

    @Override
    public Integer call() {
        Home home = field.home();
        FieldDevice device = home.device();
        User user = device.user();
        SyncStatus sync = device.syncStatus();
        field.out.println("device   " + device.deviceId() + " in " + home.dir());
        field.out.println("server   " + home.server());
        field.out.println("user     " + (user == null ? "nobody logged in" : user.username() + " (" + user.role() + ")"));
        field.out.println("synced   " + Text.time(sync.lastSyncedAt()));
        if (sync.failuresInARow() > 0) {
            field.out.println("failing  " + sync.failuresInARow() + " sync(s) since: " + sync.lastError());
        }
        if (sync.sessionExpired()) {
            field.out.println("session  EXPIRED: run `field login " + home.server() + " --user "
                    + (user == null ? "NAME" : user.username()) + "` (nothing is lost)");
        }
        field.out.println("pending  " + device.pendingCount() + " to send with the next `field sync`");
        List<LocalVisit> drafts = device.visits().stream().filter(v -> v.state() == SyncState.LOCAL_ONLY).toList();
        field.out.println("drafts   " + drafts.size());
        drafts.forEach(draft -> field.out.println("  " + VisitCommand.summary(draft)));
        photos(device);
        List<RejectedMutation> rejected = device.rejected();
        field.out.println("refused  " + rejected.size());
        for (RejectedMutation mutation : rejected) {
            field.out.println("  " + mutation.type() + " " + mutation.recordId());
            Text.rejection(mutation.rejection()).forEach(line -> field.out.println("  " + line));
        }
        return ExitCode.OK;
    }

    /** Photos still on this device: waiting for upload, or refused by the server (with its reason). */
    private void photos(FieldDevice device) {
        List<String> lines = new ArrayList<>();
        int waiting = 0;
        int refused = 0;
        for (LocalVisit visit : device.visits()) {
            for (LocalPhoto photo : device.photos(visit.id())) {
                if (photo.state() == PhotoUploadState.UPLOADED) {
                    continue;
                }
                if (photo.state() == PhotoUploadState.FAILED) {
                    refused++;
                } else {
                    waiting++;
                }
                lines.add("  " + visit.id().value() + "  " + photo.ref().sha256().substring(0, 12) + "  "
                        + photo.questionId() + "  " + Text.bytes(photo.size()) + "  " + PhotoAnswers.state(photo));
            }
        }
        field.out.println("photos   " + waiting + " waiting to upload, " + refused + " refused by the server");
        lines.forEach(field.out::println);
    }
}
