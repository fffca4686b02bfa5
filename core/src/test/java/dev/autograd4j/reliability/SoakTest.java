package dev.autograd4j.reliability;

import dev.autograd4j.Tensor;
import dev.autograd4j.nn.F;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.nn.Sequential;
import dev.autograd4j.optim.Adam;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Trains a small MLP for many steps and checks the heap in use after GC does not grow: nothing per step (graphs,
 * saved tensors, optimizer state, hooks, warnings) may accumulate.
 *
 * <p>The default run does 5,000 steps; {@code mvn -pl core test -Psoak} does 100,000 (system property
 * {@code autograd4j.soak.steps}). The heap figures go to stdout and to {@code target/soak-heap.txt}.
 */
class SoakTest {
    /** Allowed growth of heap-after-GC between the first sample (after warm-up) and the last. */
    private static final long MAX_GROWTH_BYTES = 2L << 20;

    @Test
    void trainingStepsDoNotGrowTheHeap() throws IOException {
        int steps = Integer.getInteger("autograd4j.soak.steps", 5_000);
        int samples = 10;
        Tensor.manualSeed(3);
        var model = new Sequential(new Linear(16, 32), new ReLU(), new Linear(32, 1));
        var opt = new Adam(model.parameters(), 1e-3);
        Tensor x = Tensor.randn(32, 16), y = x.sum(1, true).tanh();
        model.get(1).registerForwardHook((m, in, out) -> out); // a module hook that runs every step
        List<Long> heap = new ArrayList<>();
        double firstLoss = Double.NaN, lastLoss = Double.NaN;
        for (int s = 0; s < steps; s++) {
            Tensor h = model.call(x);
            h.retainGrad();
            Tensor loss = F.mseLoss(h, y);
            opt.zeroGrad();
            loss.backward();
            opt.step();
            if (s == 0) firstLoss = loss.item();
            lastLoss = loss.item();
            if ((s + 1) % (steps / samples) == 0) heap.add(Gc.usedHeapAfterGc());
        }
        long first = heap.getFirst(), max = heap.stream().mapToLong(Long::longValue).max().orElseThrow();
        long last = heap.getLast();
        String report = String.format("soak: %d steps, heap used after GC at each tenth (KiB): %s; first %d KiB, "
                        + "last %d KiB, growth %+d KiB; loss %.5f -> %.5f%n", steps, kib(heap), first >> 10,
                last >> 10, (last - first) >> 10, firstLoss, lastLoss);
        System.out.print(report);
        Path out = Path.of("target", "soak-heap.txt");
        if (Files.isDirectory(out.getParent())) Files.writeString(out, report);
        assertTrue(lastLoss < firstLoss, "the model trains: " + report);
        assertTrue(last - first < MAX_GROWTH_BYTES, report);
        assertTrue(max - first < MAX_GROWTH_BYTES, report);
    }

    private static List<Long> kib(List<Long> bytes) {
        return bytes.stream().map(b -> b >> 10).toList();
    }
}
