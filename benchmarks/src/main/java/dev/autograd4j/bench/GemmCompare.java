package dev.autograd4j.bench;

import dev.autograd4j.kernel.KernelProvider;
import dev.autograd4j.kernel.Kernels;
import dev.autograd4j.kernel.Parallel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The Java half of the sgemm table of {@code benchmarks/compare}: times square sgemm the same way as the C driver (about 2
 * GFLOP per timed repeat, warm-up first) and prints {@code n median best} in GFLOP/s, one line per size.
 *
 * <pre>{@code java --add-modules jdk.incubator.vector -cp ... dev.autograd4j.bench.GemmCompare 1 256 1024 2048}</pre>
 */
public final class GemmCompare {

    /** With {@code -Dautograd4j.bench.cpuTime=true}: the timing thread's CPU time (one thread only), see Workloads. */
    /** The least warm-up time per size (as Workloads' warm-up). */
    private static final long WARM_NS = Long.getLong("autograd4j.bench.warmMillis", 1000) * 1_000_000;
    private static final boolean CPU_TIME = Boolean.getBoolean("autograd4j.bench.cpuTime");
    private static final java.lang.management.ThreadMXBean MX = java.lang.management.ManagementFactory.getThreadMXBean();

    private GemmCompare() {
    }

    /**
     * Runs the comparison: the first argument is the thread count, the rest are sizes.
     *
     * <pre>{@code GemmCompare.main(new String[] {"2", "1024"});}</pre>
     */
    public static void main(String[] args) {
        Parallel.setNumThreads(Integer.parseInt(args[0]));
        Kernels k = KernelProvider.kernels();
        Random r = new Random(0);
        for (int ai = 1; ai < args.length; ai++) {
            int n = Integer.parseInt(args[ai]);
            float[] a = new float[n * n], b = new float[n * n], c = new float[n * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) r.nextGaussian();
                b[i] = (float) r.nextGaussian();
            }
            double flop = 2.0 * n * n * n;
            int inner = (int) Math.max(1, 2e9 / flop);
            List<Double> rates = new ArrayList<>();
            // Warm-up: 4 repeats and at least WARM_NS, so C2 has compiled the kernels before timing (OpenBLAS is
            // compiled ahead of time; 4 repeats alone left the first size of a run timed half-compiled now and then).
            long warmUntil = System.nanoTime() + WARM_NS;
            for (int rep = 0; rep < 4 || System.nanoTime() < warmUntil; rep++) {
                for (int q = 0; q < inner; q++) {
                    k.gemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
                }
            }
            for (int rep = 0; rep < 9; rep++) {
                long t = now();
                for (int q = 0; q < inner; q++) {
                    k.gemm(false, false, n, n, n, a, 0, n, b, 0, n, c, 0, n, false);
                }
                rates.add(flop * inner / (now() - t));
            }
            Collections.sort(rates);
            System.out.printf("%d %.1f %.1f%n", n, rates.get(rates.size() / 2), rates.get(rates.size() - 1));
        }
    }

    private static long now() {
        return CPU_TIME ? MX.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
