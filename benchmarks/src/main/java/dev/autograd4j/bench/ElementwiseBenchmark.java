package dev.autograd4j.bench;

import dev.autograd4j.kernel.Kernels;
import dev.autograd4j.kernel.Kernels.BinaryOp;
import dev.autograd4j.kernel.Kernels.UnaryOp;
import dev.autograd4j.kernel.ScalarKernels;
import dev.autograd4j.kernel.simd.VectorKernels;
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
 * Elementwise kernels over 1e7 floats, scalar against Vector API in the same run (compare the two rows).
 *
 * <pre>{@code benchmarks/run-jmh ElementwiseBenchmark -p op=exp}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class ElementwiseBenchmark {

    static final int N = 10_000_000;

    @Param({"exp", "sin", "mul"})
    String op;

    @Param({"scalar", "simd"})
    String impl;

    float[] x;
    float[] y;
    float[] out;
    Kernels k;

    /** Fills the inputs (in [-4, 4), where exp and sin are well inside their ranges). */
    @Setup
    public void setUp() {
        Random r = new Random(0);
        x = new float[N];
        y = new float[N];
        out = new float[N];
        for (int i = 0; i < N; i++) {
            x[i] = r.nextFloat() * 8 - 4;
            y[i] = r.nextFloat() * 8 - 4;
        }
        k = impl.equals("simd") ? new VectorKernels() : new ScalarKernels();
    }

    /** One pass of the op over 1e7 elements. */
    @Benchmark
    public float[] run() {
        switch (op) {
            case "exp" -> k.unary(UnaryOp.EXP, x, 0, out, 0, N);
            case "sin" -> k.unary(UnaryOp.SIN, x, 0, out, 0, N);
            case "mul" -> k.binary(BinaryOp.MUL, x, 0, y, 0, out, 0, N);
            default -> throw new IllegalArgumentException(op);
        }
        return out;
    }
}
