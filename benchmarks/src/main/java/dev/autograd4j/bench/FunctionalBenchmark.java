package dev.autograd4j.bench;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Functional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * Functional transforms of one float64 function of n inputs, each way of computing them in the same run (compare
 * rows of one n): jacobian row by row, vectorized, forward mode, vectorized forward mode; jvp by forward mode
 * against the double-backward trick (strict mode takes that path); hessian reverse-over-reverse against
 * forward-over-reverse, each also vectorized; hvp forward-over-reverse against the trick.
 *
 * <pre>{@code benchmarks/run-jmh FunctionalBenchmark -wi 2 -i 3}</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FunctionalBenchmark {

    @Param({"16", "64"})
    int n;

    Tensor x;
    Tensor v;

    /** Elementwise work mixed with a reduction: every output depends on every input. */
    static final Function<Tensor, Tensor> F = t -> t.tanh().mul(t.sin().sum()).add(t.pow(2).exp().mul(0.5));

    static final Function<Tensor, Tensor> SCALAR_F = t -> F.apply(t).pow(2).sum();

    @Setup
    public void setUp() {
        Tensor.manualSeed(0);
        x = Tensor.randn(n).to(DType.FLOAT64).mul(0.5);
        v = Tensor.randn(n).to(DType.FLOAT64);
    }

    @Benchmark
    public Tensor jacobianRowByRow() { return Functional.jacobian(F, x); }

    @Benchmark
    public Tensor jacobianVectorized() { return Functional.jacobian(F, x, Functional.options().vectorize(true)); }

    @Benchmark
    public Tensor jacobianForwardMode() {
        return Functional.jacobian(F, x, Functional.options().strategy(Functional.FORWARD_MODE));
    }

    @Benchmark
    public Tensor jacobianForwardModeVectorized() {
        return Functional.jacobian(F, x, Functional.options().strategy(Functional.FORWARD_MODE).vectorize(true));
    }

    @Benchmark
    public Tensor jvpForwardMode() { return Functional.jvp(F, x, v).product(); }

    @Benchmark
    public Tensor jvpDoubleBackwardTrick() { return Functional.jvp(F, x, v, Functional.options().strict(true)).product(); }

    @Benchmark
    public Tensor hessianReverseOverReverse() { return Functional.hessian(SCALAR_F, x); }

    @Benchmark
    public Tensor hessianForwardOverReverse() {
        return Functional.hessian(SCALAR_F, x, Functional.options().outerJacobianStrategy(Functional.FORWARD_MODE));
    }

    @Benchmark
    public Tensor hessianReverseOverReverseVectorized() {
        return Functional.hessian(SCALAR_F, x, Functional.options().vectorize(true));
    }

    @Benchmark
    public Tensor hessianForwardOverReverseVectorized() {
        return Functional.hessian(SCALAR_F, x,
                Functional.options().outerJacobianStrategy(Functional.FORWARD_MODE).vectorize(true));
    }

    @Benchmark
    public Tensor hvpForwardOverReverse() { return Functional.hvp(SCALAR_F, x, v).product(); }

    @Benchmark
    public Tensor hvpDoubleBackwardTrick() { return Functional.hvp(SCALAR_F, x, v, Functional.options().strict(true)).product(); }
}
