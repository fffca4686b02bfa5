package dev.autograd4j.autograd;

/**
 * The thread-local grad-mode and inference-mode flags (ARCHITECTURE rule 5).
 *
 * <p>Ops consult {@link #isEnabled()} once per call to decide whether to record a node; the engine switches it
 * to {@code createGraph} while running backward rules.
 */
public final class GradMode {
    private static final class State {
        boolean enabled = true;
        boolean inference = false;
    }

    private static final ThreadLocal<State> STATE = ThreadLocal.withInitial(State::new);

    private GradMode() {}

    /** Whether ops record the graph on this thread. */
    public static boolean isEnabled() { return STATE.get().enabled; }

    /** Sets grad mode on this thread and returns the previous value. */
    public static boolean set(boolean enabled) {
        State s = STATE.get();
        boolean prev = s.enabled;
        s.enabled = enabled;
        return prev;
    }

    /** Whether inference mode is on for this thread. */
    public static boolean isInference() { return STATE.get().inference; }

    /** Sets inference mode on this thread and returns the previous value. */
    public static boolean setInference(boolean on) {
        State s = STATE.get();
        boolean prev = s.inference;
        s.inference = on;
        return prev;
    }
}
