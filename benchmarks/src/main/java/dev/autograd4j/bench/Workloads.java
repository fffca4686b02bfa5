package dev.autograd4j.bench;

import dev.autograd4j.Tensor;
import dev.autograd4j.kernel.Parallel;
import dev.autograd4j.nn.Conv2d;
import dev.autograd4j.nn.F;
import dev.autograd4j.nn.Flatten;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.MaxPool2d;
import dev.autograd4j.nn.Module;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.nn.Sequential;
import dev.autograd4j.optim.SGD;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The autograd4j half of {@code benchmarks/compare}: the workloads, written as {@code
 * benchmarks/torch_workloads.py} writes them in PyTorch, timed with the same protocol (warm-up repeats, then the
 * median of the timed repeats), printing the same one-line JSON per workload.
 *
 * <pre>{@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *     dev.autograd4j.bench.Workloads 1 op_overhead mlp}</pre>
 */
public final class Workloads {

    /** One workload: a name, the unit of its times, and the code that returns the timed repeats in that unit. */
    record Workload(String name, String unit, TimedRun run) {
    }

    /** Runs a workload's warm-up and timed repeats and returns one time per timed repeat, in the workload's unit. */
    @FunctionalInterface
    interface TimedRun {
        double[] times();
    }

    static final List<Workload> ALL = List.of(
            new Workload("op_overhead", "us/op", Workloads::opOverhead),
            new Workload("chain_backward", "ms", Workloads::chainBackward),
            new Workload("tiny_model", "us/step", () -> scale(mlp(new int[] {1000, 100, 10}, 16, 200, 9), 1e6)),
            new Workload("mlp", "ms/step", () -> scale(mlp(new int[] {784, 1024, 1024, 10}, 128, 5, 7), 1e3)),
            new Workload("sin", "ms", () -> elementwise("sin")),
            new Workload("exp", "ms", () -> elementwise("exp")),
            new Workload("mul", "ms", () -> elementwise("mul")),
            new Workload("conv", "ms/step", Workloads::conv));

    /** The least warm-up time per workload: C2 compiles the autograd hot paths within about a second. */
    static final long WARM_NS = Long.getLong("autograd4j.bench.warmMillis", 2000) * 1_000_000;

    /**
     * With {@code -Dautograd4j.bench.cpuTime=true} times are the timing thread's CPU time instead of wall time: for
     * A/B checks on a loaded machine (one thread only; GC and JIT threads are not counted).
     */
    static final boolean CPU_TIME = Boolean.getBoolean("autograd4j.bench.cpuTime");
    private static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();

    private Workloads() {
    }

    /**
     * Runs the named workloads on the given number of threads and prints one JSON line each.
     *
     * <pre>{@code Workloads.main(new String[] {"1", "tiny_model"});}</pre>
     */
    public static void main(String[] args) {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: Workloads THREADS WORKLOAD... (workloads: "
                    + ALL.stream().map(Workload::name).toList() + ")");
        }
        Parallel.setNumThreads(Integer.parseInt(args[0]));
        Tensor.manualSeed(0);
        for (int i = 1; i < args.length; i++) {
            Workload w = find(args[i]);
            double[] ts = w.run().times();
            double[] sorted = ts.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "{\"workload\": \"%s\", \"unit\": \"%s\", \"median\": %.6g, \"min\": %.6g,"
                    + " \"reps\": %d, \"version\": \"%s\"}%n", w.name(), w.unit(), median(sorted), sorted[0],
                    ts.length, Runtime.version());
        }
    }

    static Workload find(String name) {
        for (Workload w : ALL) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + name + "'; known: "
                + ALL.stream().map(Workload::name).toList());
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Times {@code reps} calls of {@code body} after at least {@code warm} untimed ones and at least {@link #WARM_NS}
     * of them, so the JIT has compiled the hot paths (PyTorch's side is compiled ahead of time); seconds per call.
     */
    static double[] bench(Runnable body, int reps, int warm) {
        long start = System.nanoTime();
        for (int i = 0; i < warm || System.nanoTime() - start < WARM_NS; i++) {
            body.run();
        }
        double[] ts = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t = now();
            body.run();
            ts[i] = (now() - t) * 1e-9;
        }
        return ts;
    }

    /** The clock of the timed sections: wall time, or thread CPU time with {@link #CPU_TIME}; nanoseconds. */
    static long now() {
        return CPU_TIME ? MX.getCurrentThreadCpuTime() : System.nanoTime();
    }

    static double[] scale(double[] ts, double factor) {
        double[] out = new double[ts.length];
        for (int i = 0; i < ts.length; i++) {
            out[i] = ts[i] * factor;
        }
        return out;
    }

    /** 10,000 x {@code z = z.div(x).mul(y)} on 2x3 tensors that require grad: microseconds per op. */
    static double[] opOverhead() {
        Tensor x = Tensor.randn(2, 3).requiresGrad_();
        Tensor y = Tensor.randn(2, 3).requiresGrad_();
        return scale(bench(() -> {
            Tensor z = Tensor.randn(2, 3).requiresGrad_();
            for (int i = 0; i < 10_000; i++) {
                z = z.div(x).mul(y);
            }
            BenchSink.keep(z);
        }, 9, 3), 1e6 / 20_000);
    }

    /** Backward of a 1000-op chain of small ops (500 x (z / x) * y, then sum): milliseconds. */
    static double[] chainBackward() {
        long start = System.nanoTime();
        for (int i = 0; i < 3 || System.nanoTime() - start < WARM_NS; i++) {
            chainBackwardOnce();
        }
        double[] ts = new double[12];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = chainBackwardOnce();
        }
        return ts;
    }

    /** Builds the chain untimed, then times its backward alone: milliseconds. */
    private static double chainBackwardOnce() {
        Tensor x = Tensor.rand(2, 3).add(1.0).requiresGrad_();
        Tensor y = Tensor.rand(2, 3).add(1.0).requiresGrad_();
        Tensor z = x;
        for (int i = 0; i < 500; i++) {
            z = z.div(x).mul(y);
        }
        Tensor s = z.sum();
        long t = now();
        s.backward();
        double ms = (now() - t) * 1e-6;
        BenchSink.keep(x.grad());
        return ms;
    }

    /** An MLP of Linear layers with ReLU between them, like the Python side's nn.Sequential. */
    static Sequential mlpModel(int[] sizes) {
        List<Module> layers = new ArrayList<>();
        for (int i = 0; i + 1 < sizes.length; i++) {
            layers.add(new Linear(sizes[i], sizes[i + 1]));
            if (i + 2 < sizes.length) {
                layers.add(new ReLU());
            }
        }
        return new Sequential(layers.toArray(Module[]::new));
    }

    /** Train steps of an MLP (forward, MSE, backward, SGD step): seconds per step. */
    static double[] mlp(int[] sizes, int batch, int steps, int reps) {
        Sequential model = mlpModel(sizes);
        SGD opt = new SGD(model.parameters(), 1e-3);
        Tensor x = Tensor.randn(batch, sizes[0]);
        Tensor y = Tensor.randn(batch, sizes[sizes.length - 1]);
        return scale(bench(() -> {
            for (int s = 0; s < steps; s++) {
                opt.zeroGrad();
                F.mseLoss(model.forward(x), y).backward();
                opt.step();
            }
        }, reps, 3), 1.0 / steps);
    }

    /** sin, exp or mul over 1e7 floats, forward + backward with a ones gradient: milliseconds. */
    static double[] elementwise(String op) {
        int n = 10_000_000;
        Tensor x = Tensor.rand(n).add(0.5).requiresGrad_();
        Tensor w = Tensor.rand(n).add(0.5).requiresGrad_();
        Tensor g = Tensor.ones(n);
        return scale(bench(() -> {
            x.setGrad(null);
            w.setGrad(null);
            Tensor out = switch (op) {
                case "sin" -> x.sin();
                case "exp" -> x.exp();
                case "mul" -> x.mul(w);
                default -> throw new IllegalArgumentException(op);
            };
            out.backward(g);
        }, 9, 3), 1e3);
    }

    /** The Fashion-MNIST "2 conv + pooling" CNN (as benchmarks/cnn_step.py), batch 64, cross-entropy, SGD: milliseconds. */
    static double[] conv() {
        Sequential model = new Sequential(
                new Conv2d(1, 32, 5, 1, 2), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 5, 1, 2), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(64 * 7 * 7, 1024), new ReLU(), new Linear(1024, 10));
        SGD opt = new SGD(model.parameters(), 1e-2);
        Tensor x = Tensor.randn(64, 1, 28, 28);
        Tensor y = Tensor.randint(0, 10, 64);
        return scale(bench(() -> {
            opt.zeroGrad();
            F.crossEntropy(model.forward(x), y).backward();
            opt.step();
        }, 7, 2), 1e3);
    }
}
