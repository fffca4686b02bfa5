package dev.autograd4j;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The one observable channel for PyTorch-style {@code UserWarning}s: each warning goes to the listeners and to
 * {@link System.Logger} (logger name {@code dev.autograd4j}).
 *
 * <pre>{@code
 * List<String> seen = Warnings.capture(() -> y.grad());   // collects the warnings the action emits
 * }</pre>
 */
public final class Warnings {
    private static final System.Logger LOG = System.getLogger("dev.autograd4j");
    private static final List<Consumer<String>> LISTENERS = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<List<String>> CAPTURE = new ThreadLocal<>();

    private Warnings() {}

    /** Emits a warning: {@code Warnings.warn("UserWarning: ...")}. */
    public static void warn(String message) {
        List<String> cap = CAPTURE.get();
        if (cap != null) {
            cap.add(message);
        } else {
            LOG.log(System.Logger.Level.WARNING, message);
        }
        for (Consumer<String> l : LISTENERS) l.accept(message);
    }

    /** Adds a listener that sees every warning of every thread: {@code Warnings.addListener(System.err::println)}. */
    public static void addListener(Consumer<String> listener) { LISTENERS.add(listener); }

    /** Removes a listener added by {@link #addListener}. */
    public static void removeListener(Consumer<String> listener) { LISTENERS.remove(listener); }

    /** Runs {@code action} on this thread and returns the warnings it emitted instead of logging them. */
    public static List<String> capture(Runnable action) {
        List<String> prev = CAPTURE.get();
        List<String> mine = new java.util.ArrayList<>();
        CAPTURE.set(mine);
        try {
            action.run();
        } finally {
            if (prev == null) CAPTURE.remove(); else CAPTURE.set(prev);
        }
        return mine;
    }
}
