package dev.autograd4j.reliability;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import dev.autograd4j.nn.BatchNorm1d;
import dev.autograd4j.nn.F;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.Module;
import dev.autograd4j.nn.Parameter;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.nn.Sequential;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What may be shared between threads (docs/reliability.md): grad mode is per thread; backward from several threads
 * into shared leaves adds exactly; a module in eval mode can serve many threads at once.
 */
class ThreadSafetyTest {
    private static final int THREADS = 6;

    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<T> out = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) out.add(f.get());
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void gradModeIsPerThread() throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        Tensor x = Tensor.ones(3).requiresGrad_();
        Callable<Boolean> noGrad = () -> {
            try (var ignored = Autograd.noGrad()) {
                barrier.await();              // both threads are now inside their scopes
                Tensor y = x.mul(2);
                barrier.await();
                return y.requiresGrad();
            }
        };
        Callable<Boolean> withGrad = () -> {
            barrier.await();
            Tensor y = x.mul(2);
            barrier.await();
            return y.requiresGrad() && Autograd.isGradEnabled();
        };
        List<Boolean> r = runAll(List.of(noGrad, withGrad));
        assertFalse(r.get(0), "the no-grad thread records nothing");
        assertTrue(r.get(1), "the other thread kept recording while the first was in noGrad");
        assertTrue(Autograd.isGradEnabled());
    }

    @Test
    void inferenceModeAndAnomalyModeArePerThreadToo() throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(2);
        Callable<boolean[]> inside = () -> {
            try (var a = Autograd.inferenceMode(); var b = Autograd.detectAnomaly()) {
                barrier.await();
                barrier.await();
                return new boolean[]{Autograd.isInferenceModeEnabled(), Autograd.isAnomalyEnabled()};
            }
        };
        Callable<boolean[]> outside = () -> {
            barrier.await();
            boolean[] r = {Autograd.isInferenceModeEnabled(), Autograd.isAnomalyEnabled()};
            barrier.await();
            return r;
        };
        List<boolean[]> r = runAll(List.of(inside, outside));
        assertArrayEquals(new boolean[]{true, true}, r.get(0));
        assertArrayEquals(new boolean[]{false, false}, r.get(1));
    }

    /** Integer-valued float32 inputs: every product and sum below is exact, so any order gives the same bits. */
    private static Tensor intInput(int seed) {
        java.util.Random rnd = new java.util.Random(seed);
        float[] v = new float[4 * 8];
        for (int i = 0; i < v.length; i++) v[i] = rnd.nextInt(9) - 4;
        return Tensor.of(v, new int[]{4, 8});
    }

    private static Linear intLinear() {
        Linear lin = new Linear(8, 3);
        try (var ignored = Autograd.noGrad()) {
            float[] w = new float[24];
            for (int i = 0; i < w.length; i++) w[i] = (i % 7) - 3;
            lin.weight().copy_(Tensor.of(w, new int[]{3, 8}));
            lin.bias().copy_(Tensor.of(1f, -2f, 0f));
        }
        return lin;
    }

    /** Loss of thread {@code k}: a quadratic in the shared parameters, so gradients depend on the weights too. */
    private static void step(Linear lin, int k) {
        Tensor out = lin.call(intInput(k));
        out.mul(out).sum().backward();
    }

    @Test
    void threadsSharingParametersAccumulateExactlyTheSumOfTheirGradients() throws Exception {
        int iters = 40;
        // Reference: each thread's gradient alone, summed in a fixed order on one thread.
        Linear ref = intLinear();
        Tensor wSum = Tensor.zeros(3, 8), bSum = Tensor.zeros(3);
        for (int k = 0; k < THREADS; k++) {
            ref.zeroGrad();
            step(ref, k);
            wSum = wSum.add(ref.weight().grad().mul(iters));
            bSum = bSum.add(ref.bias().grad().mul(iters));
        }
        Linear shared = intLinear();
        List<Callable<Void>> tasks = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        for (int k = 0; k < THREADS; k++) {
            final int id = k;
            tasks.add(() -> {
                start.await();
                for (int i = 0; i < iters; i++) step(shared, id);
                return null;
            });
        }
        runAll(tasks);
        assertArrayEquals(wSum.toFloatArray(), shared.weight().grad().toFloatArray());
        assertArrayEquals(bSum.toFloatArray(), shared.bias().grad().toFloatArray());
        assertTrue(Math.abs(wSum.toFloatArray()[0]) > 0, "a non-trivial gradient");
    }

    @Test
    void concurrentAutogradGradOnSharedLeavesLeavesDotGradAlone() throws Exception {
        Tensor w = Tensor.of(1f, 2f, 3f).requiresGrad_();
        List<Callable<float[]>> tasks = new ArrayList<>();
        for (int k = 1; k <= THREADS; k++) {
            final int m = k;
            tasks.add(() -> {
                float[] last = null;
                for (int i = 0; i < 50; i++) {
                    last = Autograd.grad(List.of(w.mul(w).mul(m).sum()), List.of(w)).get(0).toFloatArray();
                }
                return last;
            });
        }
        List<float[]> r = runAll(tasks);
        for (int k = 1; k <= THREADS; k++) assertArrayEquals(new float[]{2f * k, 4f * k, 6f * k}, r.get(k - 1));
        assertNull(w.grad());
    }

    @Test
    void anEvalModeModuleServesManyThreadsWithIdenticalResults() throws Exception {
        Tensor.manualSeed(11);
        Module model = new Sequential(new Linear(10, 16), new BatchNorm1d(16), new ReLU(), new Linear(16, 4));
        model.train();
        model.call(Tensor.randn(32, 10)); // move the running statistics away from their initial values
        model.eval();
        Tensor input = Tensor.randn(64, 10);
        Tensor expected = Autograd.noGrad(() -> model.call(input));
        var before = snapshot(model);
        List<Callable<List<float[]>>> tasks = new ArrayList<>();
        for (int k = 0; k < THREADS; k++) {
            final boolean grad = k % 2 == 0;   // half the threads record graphs and run backward into inputs only
            tasks.add(() -> {
                List<float[]> outs = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    if (grad) {
                        Tensor in = input.clone().requiresGrad_();
                        Tensor out = model.call(in);
                        outs.add(out.detach().toFloatArray());
                        Autograd.grad(List.of(F.mseLoss(out, Tensor.zerosLike(out))), List.of(in));
                    } else {
                        outs.add(Autograd.noGrad(() -> model.call(input)).toFloatArray());
                    }
                }
                return outs;
            });
        }
        for (List<float[]> outs : runAll(tasks)) {
            for (float[] o : outs) assertArrayEquals(expected.toFloatArray(), o);
        }
        var after = snapshot(model);
        assertEquals(before.keySet(), after.keySet());
        for (String k : before.keySet()) assertArrayEquals(before.get(k), after.get(k), k + " changed");
        for (Parameter p : model.parameters()) assertNull(p.grad(), "autograd.grad into inputs leaves parameters' grads");
    }

    private static java.util.Map<String, float[]> snapshot(Module m) {
        java.util.Map<String, float[]> out = new java.util.TreeMap<>();
        for (var e : m.stateDict().entrySet()) out.put(e.getKey(), e.getValue().to(dev.autograd4j.DType.FLOAT32).toFloatArray());
        return out;
    }
}
