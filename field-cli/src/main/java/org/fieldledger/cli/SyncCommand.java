package org.fieldledger.cli;

import java.util.concurrent.Callable;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.SyncReport;
import picocli.CommandLine.Command;

/** {@code field sync}: push the outbox, upload photos, pull what changed, with a progress bar per phase and photo. */
@Command(name = "sync", description = "Send what was recorded and fetch what changed on the server.")
final class SyncCommand implements Callable<Integer> {
    private final Field field;

    SyncCommand(Field field) {
        this.field = field;
    }

    @Override
    public Integer call() {
        FieldDevice device = field.home().device();
        SyncReport report;
        // Someone who types `field sync` wants it now: forced past any back-off an earlier failure left.
        try (SyncProgress progress = SyncProgress.to(field.err)) {
            report = device.sync(true, progress);
        }
        int pending = device.pendingCount();
        switch (report.outcome()) {
            case COMPLETED:
                field.out.println("Synced: sent " + report.pushed() + " (" + report.applied() + " accepted, "
                        + report.duplicates() + " already there, " + report.rejected() + " refused), received "
                        + report.pulled() + " changes; uploaded " + report.photosUploaded() + " photo(s)"
                        + (report.photosFailed() == 0 ? "" : ", " + report.photosFailed() + " refused") + ".");
                if (report.rejected() > 0) {
                    field.out.println(report.rejected() + " refused by the server: `field status` shows why.");
                }
                if (report.photosFailed() > 0) {
                    field.out.println(report.photosFailed() + " photo(s) refused by the server: `field status` shows "
                            + "why; their visits stay PENDING on this device.");
                }
                return ExitCode.OK;
            case NETWORK_ERROR:
            case BACKING_OFF:
                throw new CliFailure(ExitCode.SERVER_UNREACHABLE, "server unreachable (" + String.join("; ",
                        report.errors()) + "). " + queued(pending) + " queued and go with the next `field sync`.");
            case SESSION_EXPIRED:
                throw new CliFailure(ExitCode.SESSION_EXPIRED, "the session has expired: log in again with `field login "
                        + field.home().server() + " --user " + device.user().username() + "`. Nothing is lost: "
                        + queued(pending) + " queued.");
            case NOT_LOGGED_IN:
                throw new CliFailure(ExitCode.USAGE, "nobody has logged in on this device: run `field login` first");
            case REFUSED:
            default:
                throw new CliFailure(ExitCode.SYNC_REFUSED, "the server refused the sync (" + String.join("; ",
                        report.errors()) + "). " + queued(pending) + " queued; please report this.");
        }
    }

    private static String queued(int pending) {
        return pending == 1 ? "1 record stays" : pending + " records stay";
    }
}
