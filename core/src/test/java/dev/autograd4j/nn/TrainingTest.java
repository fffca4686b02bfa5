package dev.autograd4j.nn;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import dev.autograd4j.optim.Adam;
import dev.autograd4j.optim.OneCycleLR;
import dev.autograd4j.optim.SGD;
import dev.autograd4j.optim.StepLR;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Short end-to-end training runs on a synthetic task (which quadrant of an 8x8 image holds a bright 2x2 blob,
 * with noise): a small CNN and an MLP must drive the loss down and classify held-out images.
 */
class TrainingTest {

    /** Images [n, 1, 8, 8] and labels: class q puts a blob in quadrant q at a random offset. */
    private static Tensor[] dataset(int n, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        float[] img = new float[n * 64];
        long[] label = new long[n];
        for (int i = 0; i < n; i++) {
            int q = rnd.nextInt(4);
            label[i] = q;
            for (int p = 0; p < 64; p++) img[i * 64 + p] = (float) (0.3 * rnd.nextGaussian());
            int r0 = (q / 2) * 4 + rnd.nextInt(3), c0 = (q % 2) * 4 + rnd.nextInt(3);
            for (int dr = 0; dr < 2; dr++) for (int dc = 0; dc < 2; dc++) img[i * 64 + (r0 + dr) * 8 + c0 + dc] += 2f;
        }
        return new Tensor[]{Tensor.of(img, new int[]{n, 1, 8, 8}), Tensor.of(label)};
    }

    private static double accuracy(Module model, Tensor x, Tensor y) {
        model.eval();
        Tensor pred = Autograd.noGrad(() -> model.call(x)).argmax(1, false);
        model.train();
        return pred.eq(y).to(dev.autograd4j.DType.FLOAT32).mean().item();
    }

    @Test
    void aSmallCnnLearnsTheQuadrantTask() {
        Tensor.manualSeed(7);
        Tensor[] train = dataset(256, 1), test = dataset(128, 2);
        var cnn = new Sequential(new Conv2d(1, 4, 3, 1, 1), new BatchNorm2d(4), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Dropout(0.1), new Linear(64, 4));
        var opt = new Adam(cnn.parameters(), 0.01);
        int steps = 60, batch = 32;
        var sched = new OneCycleLR(opt, 0.03, steps);
        double first = 0, last = 0;
        for (int s = 0; s < steps; s++) {
            int start = (s * batch) % 256;
            Tensor xb = train[0].slice(0, start, start + batch), yb = train[1].slice(0, start, start + batch);
            Tensor loss = F.crossEntropy(cnn.call(xb), yb);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            sched.step();
            if (s < 8) first += loss.item() / 8;
            if (s >= steps - 8) last += loss.item() / 8;
        }
        assertTrue(last < first / 3, "loss fell from " + first + " to " + last);
        double acc = accuracy(cnn, test[0], test[1]);
        assertTrue(acc > 0.9, "held-out accuracy " + acc);
    }

    @Test
    void anMlpWithSgdMomentumLearnsTheQuadrantTask() {
        Tensor.manualSeed(11);
        Tensor[] train = dataset(256, 3), test = dataset(128, 4);
        var mlp = new Sequential(new Flatten(), new Linear(64, 32), new ReLU(), new Linear(32, 4));
        var opt = new SGD(mlp.parameters(), new SGD.Options().lr(0.1).momentum(0.9).weightDecay(1e-4));
        var sched = new StepLR(opt, 100, 0.5);
        double first = 0, last = 0;
        int steps = 200, batch = 32;
        for (int s = 0; s < steps; s++) {
            int start = (s * batch) % 256;
            Tensor loss = F.crossEntropy(mlp.call(train[0].slice(0, start, start + batch)), train[1].slice(0, start, start + batch));
            opt.zeroGrad();
            loss.backward();
            Utils.clipGradNorm_(mlp.parameters(), 5.0);
            opt.step();
            sched.step();
            if (s < 8) first += loss.item() / 8;
            if (s >= steps - 8) last += loss.item() / 8;
        }
        assertTrue(last < first / 3, "loss fell from " + first + " to " + last);
        double acc = accuracy(mlp, test[0], test[1]);
        assertTrue(acc > 0.85, "held-out accuracy " + acc);
    }
}
