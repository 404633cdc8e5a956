package org.fieldledger.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fieldledger.client.SyncListener;
import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.VisitId;

/**
 * Shows a sync as it runs: a progress bar per phase and one per photo (in bytes) on a terminal; otherwise (a log, a
 * test, a pipe) one line per photo and per finished phase, so redirected output holds no carriage-return animation.
 */
abstract class SyncProgress implements SyncListener, AutoCloseable {
    static SyncProgress to(PrintWriter err) {
        return System.console() != null ? new Bars(System.err) : new Lines(err);
    }

    @Override
    public abstract void close();

    static String label(Phase phase) {
        switch (phase) {
            case PUSH:
                return "send";
            case PULL:
                return "receive";
            case PHOTOS:
                return "photos";
            default:
                return phase.name().toLowerCase(Locale.ROOT);
        }
    }

    static String photo(PhotoRef photo) {
        return "photo " + photo.sha256().substring(0, 12);
    }

    /** A bar per phase (per photo in the photos phase), on the terminal's standard error. */
    private static final class Bars extends SyncProgress {
        private final PrintStream stream;
        private final Map<Phase, ProgressBar> bars = new EnumMap<>(Phase.class);
        private final Map<String, ProgressBar> photos = new HashMap<>();

        Bars(PrintStream stream) {
            this.stream = stream;
        }

        @Override
        public void phaseStarted(Phase phase, long total) {
            // A bar redraws its own line: the photos phase is shown by one bar per photo, one after the other, not by
            // a second bar competing for the same line.
            if (total == 0 || phase == Phase.PHOTOS) {
                return;
            }
            bars.put(phase, new ProgressBarBuilder().setTaskName(label(phase)).setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(stream))
                    .continuousUpdate().build());
        }

        @Override
        public void progressed(Phase phase, long done, long total) {
            ProgressBar bar = bars.get(phase);
            if (bar != null) {
                bar.maxHint(total);
                bar.stepTo(done);
            }
        }

        @Override
        public void phaseFinished(Phase phase) {
            ProgressBar bar = bars.remove(phase);
            if (bar != null) {
                bar.refresh();
                bar.close();
            }
        }

        @Override
        public void photoProgressed(VisitId visit, PhotoRef photo, long sentBytes, long totalBytes) {
            ProgressBar bar = photos.computeIfAbsent(photo.sha256(), sha -> new ProgressBarBuilder()
                    .setTaskName(photo(photo)).setInitialMax(totalBytes).setUnit(" KB", 1024)
                    .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(stream))
                    .continuousUpdate().build());
            bar.stepTo(sentBytes);
        }

        @Override
        public void photoFinished(VisitId visit, PhotoRef photo, String error) {
            ProgressBar bar = photos.remove(photo.sha256());
            if (bar != null) {
                bar.refresh();
                bar.close();
            }
            if (error != null) {
                stream.println(photo(photo) + " refused: " + error);
            }
        }

        @Override
        public void close() {
            photos.values().forEach(ProgressBar::close);
            photos.clear();
            bars.values().forEach(ProgressBar::close);
            bars.clear();
        }
    }

    /** A line when a phase ends. */
    private static final class Lines extends SyncProgress {
        private final PrintWriter err;
        private final Map<Phase, Long> done = new EnumMap<>(Phase.class);

        Lines(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void phaseStarted(Phase phase, long total) {
            done.put(phase, 0L);
        }

        @Override
        public void progressed(Phase phase, long count, long total) {
            done.put(phase, count);
        }

        @Override
        public void phaseFinished(Phase phase) {
            err.println(label(phase) + ": " + done.getOrDefault(phase, 0L) + " done");
            err.flush();
        }

        @Override
        public void photoFinished(VisitId visit, PhotoRef photo, String error) {
            err.println(photo(photo) + " of visit " + visit.value() + ": "
                    + (error == null ? "uploaded" : "refused: " + error));
            err.flush();
        }

        @Override
        public void close() {
            err.flush();
        }
    }
}
