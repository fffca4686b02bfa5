package dev.autograd4j.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The side-by-side workloads of {@link Workloads} under JMH, one thread: each invocation runs the workload's own
 * repeats once and returns their median in the workload's unit (JMH's score is the wall time of that call; the
 * returned median keeps the work alive).
 *
 * <pre>{@code benchmarks/run-jmh WorkloadBenchmark -p workload=tiny_model}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms3g", "-XX:+AlwaysPreTouch"})
public class WorkloadBenchmark {

    @Param({"op_overhead", "chain_backward", "tiny_model", "mlp", "sin", "exp", "mul", "conv"})
    String workload;

    Workloads.Workload w;

    /** Looks the workload up and pins the library to one thread, as the comparison does. */
    @Setup
    public void setUp() {
        dev.autograd4j.kernel.Parallel.setNumThreads(1);
        w = Workloads.find(workload);
    }

    /** One run of the workload (its warm-up and timed repeats); returns their median. */
    @Benchmark
    public double run() {
        double[] ts = w.run().times();
        java.util.Arrays.sort(ts);
        return Workloads.median(ts);
    }
}
