package dev.autograd4j.examples.train;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/** One epoch's progress bar: batches done, the running loss, samples per second and the ETA (me.tongfei:progressbar). */
final class EpochProgress implements AutoCloseable {
    private final ProgressBar bar;
    private final long start = System.nanoTime();
    private long samples;

    /** A bar of {@code batches} steps titled {@code title}, drawn on {@code out}; null draws nothing. */
    EpochProgress(String title, int batches, PrintStream out) {
        this.bar = out == null ? null : new ProgressBarBuilder()
                .setTaskName(title)
                .setInitialMax(batches)
                .setUnit(" batches", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                // A terminal gives its width; piped output (mvn exec, logs) would get jline's 80 columns, too few.
                .setConsumer(new ConsoleProgressBarConsumer(out, System.console() != null ? -1 : 120))
                .build();
    }

    /** Records one finished batch of {@code n} samples with the running mean loss. */
    void step(int n, double runningLoss) {
        samples += n;
        if (bar == null) return;
        double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        bar.step();
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f | %.0f samples/s", runningLoss, samples / seconds));
    }

    /** Seconds since the bar started. */
    double elapsedSeconds() { return (System.nanoTime() - start) / 1e9; }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }

    static String format(Duration d) {
        return String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
