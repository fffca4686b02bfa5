package dev.autograd4j.autograd;

import dev.autograd4j.Warnings;

/**
 * Anomaly detection (SPEC J8): when on, nodes remember the Java stack of the forward call that created them,
 * and a NaN returned by a backward rule raises an error naming the node, with that stack shown.
 *
 * <pre>{@code try (var a = Autograd.detectAnomaly()) { loss.backward(); }}</pre>
 */
public final class Anomaly {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[1]);

    private Anomaly() {}

    /** Whether anomaly detection is on for this thread. */
    public static boolean isEnabled() { return ENABLED.get()[0]; }

    /** Turns anomaly detection on or off for this thread and returns the previous setting. */
    public static boolean set(boolean on) {
        boolean[] s = ENABLED.get();
        boolean prev = s[0];
        s[0] = on;
        if (on && !prev) {
            Warnings.warn("UserWarning: Anomaly Detection has been enabled. This mode will increase the runtime and "
                    + "should only be enabled for debugging.");
        }
        return prev;
    }
}
