package dev.autograd4j.autograd;

import dev.autograd4j.Warnings;

/**
 * Anomaly detection (SPEC J8): when on, nodes remember the Java stack of the forward call that created them; an
 * error raised while a node computes its gradients (and, with checkNan, a NaN it returns) is preceded by the
 * warning "Error detected in &lt;Node&gt;. Traceback of forward call that caused the error:" and that stack.
 *
 * <pre>{@code try (var a = Autograd.detectAnomaly()) { loss.backward(); }}</pre>
 */
public final class Anomaly {
    /** Per thread: {enabled, checkNan}. */
    private static final ThreadLocal<boolean[]> STATE = ThreadLocal.withInitial(() -> new boolean[]{false, true});

    private Anomaly() {}

    /** A scope that restores the previous anomaly setting when closed (what {@link Autograd#detectAnomaly()} returns). */
    public static final class Scope implements AutoCloseable {
        private final boolean prevEnabled;
        private final boolean prevCheckNan;

        Scope(boolean checkNan) {
            // As torch.autograd.detect_anomaly: the scope warns on every entry; set_detect_anomaly does not.
            Warnings.warn("UserWarning: Anomaly Detection has been enabled. This mode will increase the runtime and "
                    + "should only be enabled for debugging.");
            boolean[] s = STATE.get();
            prevEnabled = s[0];
            prevCheckNan = s[1];
            set(true, checkNan);
        }

        /** Restores the setting that was active when the scope opened. */
        @Override
        public void close() {
            boolean[] s = STATE.get();
            s[0] = prevEnabled;
            s[1] = prevCheckNan;
        }
    }

    /** Whether anomaly detection is on for this thread: {@code Anomaly.isEnabled()}. */
    public static boolean isEnabled() { return STATE.get()[0]; }

    /** Whether anomaly mode also checks backward outputs for NaN (PyTorch's {@code check_nan}, default true). */
    public static boolean checksNan() { return STATE.get()[1]; }

    /** Turns anomaly detection on or off for this thread (NaN checks on) and returns the previous setting. */
    public static boolean set(boolean on) { return set(on, true); }

    /**
     * Turns anomaly detection on or off, with or without NaN checks, and returns the previous on/off setting:
     * {@code Anomaly.set(true, false)}.
     */
    public static boolean set(boolean on, boolean checkNan) {
        boolean[] s = STATE.get();
        boolean prev = s[0];
        s[0] = on;
        s[1] = checkNan;
        return prev;
    }

    /** PyTorch's warning for an error in {@code node}'s backward: its name, then the forward call's Java stack. */
    static String errorWarning(Node node) {
        StringBuilder msg = new StringBuilder("UserWarning: Error detected in ").append(node.name())
                .append(". Traceback of forward call that caused the error:");
        if (node.forwardTrace != null) {
            StackTraceElement[] st = node.forwardTrace.getStackTrace();
            int from = 0;
            // The recording machinery's own frames come first; the user's forward call starts after them.
            while (from < st.length - 1 && isRecordingFrame(st[from].getClassName())) from++;
            for (int i = from; i < st.length; i++) msg.append("\n  at ").append(st[i]);
        } else {
            msg.append("\n  (no forward trace: the node was created while anomaly mode was off)");
        }
        return msg.toString();
    }

    private static boolean isRecordingFrame(String cls) {
        return cls.equals("dev.autograd4j.autograd.Recorder") || cls.startsWith("dev.autograd4j.ops.")
                || cls.equals("dev.autograd4j.Tensor");
    }
}
