package dev.autograd4j.bench;

import dev.autograd4j.Tensor;
import dev.autograd4j.kernel.Parallel;
import dev.autograd4j.nn.Conv2d;
import dev.autograd4j.nn.F;
import dev.autograd4j.nn.Flatten;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.MaxPool2d;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.nn.Sequential;
import dev.autograd4j.optim.SGD;

import java.util.Arrays;

/**
 * One SGD training step of the Fashion-MNIST "2 conv + pooling" CNN (conv 1->32 5x5 pad 2, relu, maxpool 2,
 * conv 32->64 5x5 pad 2, relu, maxpool 2, linear 3136->HIDDEN, relu, linear HIDDEN->10, cross entropy) on random
 * [BATCH, 1, 28, 28] input; the same protocol as benchmarks/cnn_step.py, run by benchmarks/compare-cnn.
 * Prints "median best" milliseconds per step.
 *
 * <pre>{@code java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar dev.autograd4j.bench.CnnStepCompare 2 64 1024}</pre>
 */
public final class CnnStepCompare {
    private CnnStepCompare() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int hidden = args.length > 2 ? Integer.parseInt(args[2]) : 1024;
        int steps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Parallel.setNumThreads(threads);
        Tensor.manualSeed(0);
        Sequential model = new Sequential(
                new Conv2d(1, 32, 5, 1, 2), new ReLU(), new MaxPool2d(2),
                new Conv2d(32, 64, 5, 1, 2), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(64 * 7 * 7, hidden), new ReLU(), new Linear(hidden, 10));
        SGD opt = new SGD(model.parameters(), 0.01);
        Tensor x = Tensor.randn(batch, 1, 28, 28);
        long[] labels = new long[batch];
        for (int i = 0; i < batch; i++) labels[i] = i % 10;
        Tensor y = Tensor.of(labels);
        Runnable step = () -> {
            opt.zeroGrad();
            Tensor loss = F.crossEntropy(model.forward(x), y);
            loss.backward();
            opt.step();
        };
        // Same protocol as cnn_step.py: 3 warm-up repeats, then the median and best of 9 repeats of `steps` steps.
        for (int i = 0; i < 3; i++) for (int s = 0; s < steps; s++) step.run();
        double[] ms = new double[9];
        for (int r = 0; r < ms.length; r++) {
            long t = System.nanoTime();
            for (int s = 0; s < steps; s++) step.run();
            ms[r] = (System.nanoTime() - t) / 1e6 / steps;
        }
        Arrays.sort(ms);
        System.out.printf("%.2f %.2f%n", ms[ms.length / 2], ms[0]);
    }
}
