package dev.autograd4j.profiler;

/**
 * A labelled profiler interval, closed by try-with-resources (PyTorch's {@code record_function}):
 * {@code try (var r = Profiler.recordFunction("my_block")) { ... }}.
 */
public final class RecordFunction implements AutoCloseable {
    static final RecordFunction NOOP = new RecordFunction(null, null);

    private final Profiler profiler;
    private final FunctionEvent event;
    private boolean closed;

    RecordFunction(Profiler profiler, FunctionEvent event) {
        this.profiler = profiler;
        this.event = event;
    }

    /** Ends the interval: {@code r.close()}. */
    @Override
    public void close() {
        if (profiler == null || closed) return;
        closed = true;
        profiler.end(event, 0);
    }
}
