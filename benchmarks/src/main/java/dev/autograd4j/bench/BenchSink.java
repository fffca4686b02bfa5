package dev.autograd4j.bench;

import dev.autograd4j.Tensor;

/**
 * Keeps a benchmark's result reachable so the JIT cannot drop the work that made it (outside JMH's Blackhole).
 *
 * <pre>{@code BenchSink.keep(z);}</pre>
 */
final class BenchSink {
    private static volatile Tensor last;

    private BenchSink() {
    }

    /** Publishes {@code t} through a volatile field. */
    static void keep(Tensor t) {
        last = t;
    }
}
