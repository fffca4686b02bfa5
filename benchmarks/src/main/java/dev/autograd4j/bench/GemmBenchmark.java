package dev.autograd4j.bench;

import dev.autograd4j.kernel.KernelProvider;
import dev.autograd4j.kernel.Kernels;
import dev.autograd4j.kernel.Parallel;
import java.util.Random;
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
 * Square float32 GEMM, {@code C = A B}, as torch.mm in /work/shared/bench/torch_bench.py; GFLOP/s = 2 n^3 / time.
 *
 * <pre>{@code benchmarks/run-jmh GemmBenchmark -p n=1024 -p threads=1}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmBenchmark {

    @Param({"256", "1024", "2048"})
    int n;

    @Param({"1", "2"})
    int threads;

    float[] a;
    float[] b;
    float[] c;
    Kernels k;

    /** Fills the operands and sets the thread count. */
    @Setup
    public void setUp() {
        Random r = new Random(0);
        a = new float[n * n];
        b = new float[n * n];
        c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) r.nextGaussian();
            b[i] = (float) r.nextGaussian();
        }
        Parallel.setNumThreads(threads);
        k = KernelProvider.kernels();
    }

    /** One {@code n x n x n} product. */
    @Benchmark
    public float[] sgemm() {
        k.gemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
        return c;
    }
}
