package dev.autograd4j.profiler;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.AccumulateGrad;
import dev.autograd4j.autograd.Node;
import dev.autograd4j.ops.Dispatch;
import dev.autograd4j.ops.Op;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/**
 * The autograd profiler (PyTorch's {@code torch.autograd.profiler.profile}, SPEC J9): while open it records every
 * forward op under its ATen name ({@code aten::mul}), every backward node ({@code MulBackward0}, wrapped in
 * {@code autograd::engine::evaluate_function: MulBackward0}) and every {@link #recordFunction(String)} label, with
 * wall times from {@link System#nanoTime()}, and optionally input shapes and allocated bytes.
 *
 * <pre>{@code
 * try (Profiler prof = Profiler.profile()) {
 *     for (int i = 0; i < 1000; i++) z = z.div(x).mul(y);
 * }
 * System.out.println(prof.keyAverages().table("self_cpu_time_total"));
 * }</pre>
 */
public final class Profiler implements AutoCloseable {
    /**
     * NOTE [Profiler fast path]: the one flag that {@code Dispatch.apply} and the engine's per-node loop read; false
     * whenever no profiler is open, so unprofiled code pays one volatile read per op or node and nothing else.
     */
    private static volatile boolean active;
    private static volatile Profiler current;

    private final boolean recordShapes;
    private final boolean profileMemory;
    private final long originNs = System.nanoTime();
    private final List<FunctionEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final ThreadLocal<ArrayDeque<FunctionEvent>> open = ThreadLocal.withInitial(ArrayDeque::new);
    private volatile boolean running = true;

    private Profiler(boolean recordShapes, boolean profileMemory) {
        this.recordShapes = recordShapes;
        this.profileMemory = profileMemory;
    }

    /** Options for {@link #builder()}: {@code Profiler.builder().recordShapes(true).profileMemory(true).start()}. */
    public static final class Builder {
        private boolean recordShapes;
        private boolean profileMemory;

        private Builder() {}

        /** Records the shapes of each op's tensor inputs: {@code builder.recordShapes(true)}. */
        public Builder recordShapes(boolean on) { recordShapes = on; return this; }

        /** Records the bytes each op allocates for its result: {@code builder.profileMemory(true)}. */
        public Builder profileMemory(boolean on) { profileMemory = on; return this; }

        /** Starts profiling with these options: {@code try (Profiler p = builder.start()) { ... }}. */
        public Profiler start() { return Profiler.start(new Profiler(recordShapes, profileMemory)); }
    }

    /** A builder of profiler options: {@code Profiler.builder().recordShapes(true).start()}. */
    public static Builder builder() { return new Builder(); }

    /** Starts profiling until closed: {@code try (Profiler prof = Profiler.profile()) { ... }}. */
    public static Profiler profile() { return builder().start(); }

    private static synchronized Profiler start(Profiler p) {
        if (current != null) throw new IllegalStateException("Profiler is already enabled");
        current = p;
        active = true;
        return p;
    }

    /** Whether a profiler is recording (the hooks' one check): {@code Profiler.isActive()}. */
    public static boolean isActive() { return active; }

    /** Stops recording; the events stay available: {@code prof.close()}. */
    @Override
    public void close() {
        synchronized (Profiler.class) {
            if (!running) return;
            running = false;
            if (current == this) {
                current = null;
                active = false;
            }
        }
    }

    /**
     * A labelled interval (PyTorch's {@code record_function}); a no-op when no profiler is open:
     * {@code try (var r = Profiler.recordFunction("my_block")) { ... }}.
     */
    public static RecordFunction recordFunction(String label) {
        Profiler p = current;
        if (p == null) return RecordFunction.NOOP;
        FunctionEvent e = p.begin(label, List.of());
        return new RecordFunction(p, e);
    }

    /** Called by {@code Dispatch.apply} when {@link #isActive()}: runs the op inside an {@code aten::} event. */
    public static Tensor recordOp(Op op, Tensor[] inputs) {
        Profiler p = current;
        if (p == null) return Dispatch.applyUnprofiled(op, inputs);
        FunctionEvent e = p.begin(OpNames.of(op), p.recordShapes ? shapes(inputs) : List.of());
        long bytes = 0;
        try {
            Tensor out = Dispatch.applyUnprofiled(op, inputs);
            if (p.profileMemory && !(op instanceof Op.ViewOp)) bytes = (long) out.numel() * itemSize(out.dtype());
            return out;
        } finally {
            p.end(e, bytes);
        }
    }

    /**
     * Called by the engine for each node when {@link #isActive()}: runs {@code body} inside the events
     * {@code autograd::engine::evaluate_function: <name>} and {@code <name>}.
     */
    public static Tensor[] recordBackward(Node node, Tensor[] gradOutputs, Supplier<Tensor[]> body) {
        Profiler p = current;
        if (p == null) return body.get();
        String name = node instanceof AccumulateGrad ? "torch::autograd::AccumulateGrad" : node.name();
        FunctionEvent outer = p.begin("autograd::engine::evaluate_function: " + name, List.of());
        try {
            FunctionEvent inner = p.begin(name, p.recordShapes ? shapes(gradOutputs) : List.of());
            try {
                return body.get();
            } finally {
                p.end(inner, 0);
            }
        } finally {
            p.end(outer, 0);
        }
    }

    FunctionEvent begin(String name, List<List<Integer>> shapes) {
        ArrayDeque<FunctionEvent> stack = open.get();
        FunctionEvent e = new FunctionEvent(name, Thread.currentThread().threadId(), System.nanoTime(), shapes, stack.peek());
        stack.push(e);
        events.add(e);
        return e;
    }

    void end(FunctionEvent e, long bytes) {
        long t = System.nanoTime();
        ArrayDeque<FunctionEvent> stack = open.get();
        // Pop down to e: an exception may have skipped the end of events nested inside it.
        while (!stack.isEmpty()) {
            FunctionEvent top = stack.pop();
            if (top == e) break;
            top.finish(t, 0);
        }
        e.finish(t, bytes);
    }

    /** Every recorded event in start order: {@code prof.events().size()}. */
    public List<FunctionEvent> events() {
        synchronized (events) { return List.copyOf(events); }
    }

    /** The events grouped by name: {@code prof.keyAverages().table("self_cpu_time_total")}. */
    public KeyAverages keyAverages() { return keyAverages(false); }

    /**
     * The events grouped by name, and by input shapes when {@code groupByInputShape} (the table then shows an
     * "Input Shapes" column): {@code prof.keyAverages(true)}.
     */
    public KeyAverages keyAverages(boolean groupByInputShape) {
        return new KeyAverages(events(), groupByInputShape, profileMemory);
    }

    /**
     * Writes the events as a Chrome trace (open it in chrome://tracing or ui.perfetto.dev):
     * {@code prof.exportChromeTrace(Path.of("trace.json"))}.
     */
    public void exportChromeTrace(Path path) {
        try {
            ChromeTrace.write(path, events(), originNs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the Chrome trace to " + path, e);
        }
    }

    private static List<List<Integer>> shapes(Tensor[] ts) {
        List<List<Integer>> r = new ArrayList<>(ts.length);
        for (Tensor t : ts) {
            List<Integer> s = new ArrayList<>();
            if (t != null) for (int d : t.shape()) s.add(d);
            r.add(List.copyOf(s));
        }
        return List.copyOf(r);
    }

    private static int itemSize(DType d) {
        return switch (d) {
            case FLOAT32 -> 4;
            case FLOAT64, INT64 -> 8;
            case BOOL -> 1;
        };
    }

    /** PyTorch's {@code _format_time}: "1.941us", "17.305ms", "1.200s" (Python rounding, half to even). */
    static String formatTime(double us) {
        if (us >= 1e6) return fixed3(us / 1e6) + "s";
        if (us >= 1e3) return fixed3(us / 1e3) + "ms";
        return fixed3(us) + "us";
    }

    /** Python's {@code '{:.3f}'}: the exact binary value rounded half to even. */
    static String fixed3(double v) {
        return new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** Python's {@code '{:.2f}'}. */
    static String fixed2(double v) {
        return new BigDecimal(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
