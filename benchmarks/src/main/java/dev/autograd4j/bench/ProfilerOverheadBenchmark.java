package dev.autograd4j.bench;

import dev.autograd4j.Tensor;
import dev.autograd4j.ops.Dispatch;
import dev.autograd4j.ops.Op;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the profiler costs when it is off: a small op through {@link Dispatch#apply} (which first checks the
 * profiler's volatile flag) against {@link Dispatch#applyUnprofiled} (no check), in the same run. The ratio of
 * the two rows is the overhead; tiny tensors make the per-op cost dominate.
 *
 * <pre>{@code benchmarks/run-jmh ProfilerOverheadBenchmark}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ProfilerOverheadBenchmark {
    static final Op ADD = new Op.Add(1);

    Tensor a;
    Tensor b;

    @Setup
    public void setUp() {
        a = Tensor.of(1f, 2f, 3f, 4f);
        b = Tensor.of(4f, 3f, 2f, 1f);
    }

    @Benchmark
    public Tensor addWithProfilerCheck() { return Dispatch.apply(ADD, a, b); }

    @Benchmark
    public Tensor addWithoutProfilerCheck() { return Dispatch.applyUnprofiled(ADD, a, b); }
}
