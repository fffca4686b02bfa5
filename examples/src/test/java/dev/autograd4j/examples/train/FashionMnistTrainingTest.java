package dev.autograd4j.examples.train;

import dev.autograd4j.Tensor;
import dev.autograd4j.io.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FashionMnistTrainingTest {
    @TempDir Path out;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void theBundledSubsetIsTwoThousandAndFiveHundredLabelledImages() {
        var train = FashionMnistTraining.resource(true);
        var test = FashionMnistTraining.resource(false);
        assertEquals(2000, train.size());
        assertEquals(500, test.size());
        assertArrayEquals(new int[]{1, 28, 28}, train.get(0)[0].shape());
        long[] counts = new long[10];
        for (long label : train.tensors()[1].toLongArray()) counts[(int) label]++;
        for (long c : counts) assertTrue(c > 150, "every class is well represented: " + java.util.Arrays.toString(counts));
    }

    /** About 250 Adam steps of the MLP on the bundled subset: the loss must fall and accuracy beat 0.75. */
    @Test
    void aShortRunOnTheSubsetLearnsAndWritesPlotsAndACheckpoint() throws IOException {
        var options = new TrainOptions("mlp", 4, 32, 0, null, out, 1e-3, 0, false, false);
        var subset = new FashionMnistTraining.Data(normalizedSubset(true), normalizedSubset(false), "subset");
        var text = new ByteArrayOutputStream();
        Tensor.manualSeed(0);
        var model = Models.mlp();
        History h = FashionMnistTraining.train(model, subset, options, new PrintStream(text, true, StandardCharsets.UTF_8));
        var epochs = h.epochs();
        assertEquals(4, epochs.size());
        assertTrue(epochs.getLast().trainLoss() < 0.6 * epochs.getFirst().trainLoss(),
                "loss fell from " + epochs.getFirst().trainLoss() + " to " + epochs.getLast().trainLoss());
        assertTrue(h.finalTestAccuracy() > 0.75, "test accuracy " + h.finalTestAccuracy());
        // the within-epoch windows cover every epoch and end exactly at its end
        var windows = h.windows();
        assertTrue(windows.size() >= 4 * 20, "windows: " + windows.size());
        for (int e = 1; e <= 4; e++) {
            final int epoch = e;
            assertTrue(windows.stream().anyMatch(w -> w.epoch() == epoch), "a window ends epoch " + e);
        }
        assertEquals(4.0, windows.getLast().epoch());
        assertTrue(text.toString(StandardCharsets.UTF_8).contains("epoch 4/4: train loss"), text.toString(StandardCharsets.UTF_8));

        for (Path p : Plots.curves(h, "test", out)) assertArrayEquals(PNG, java.util.Arrays.copyOf(Files.readAllBytes(p), 4));
        assertArrayEquals(PNG, java.util.Arrays.copyOf(Files.readAllBytes(Plots.sinAndGradient(out)), 4));
        Path ckpt = out.resolve("m.safetensors");
        Safetensors.save(model.stateDict(), ckpt);
        var again = Models.mlp();
        again.loadStateDict(Safetensors.load(ckpt));
        assertEquals(h.finalTestAccuracy(), FashionMnistTraining.evaluate(again, subset.test())[1]);
    }

    private static dev.autograd4j.data.TensorDataset normalizedSubset(boolean train) {
        Tensor[] t = FashionMnistTraining.resource(train).tensors();
        return new dev.autograd4j.data.TensorDataset(t[0].sub(FashionMnistTraining.MEAN).div(FashionMnistTraining.STD), t[1]);
    }

    @Test
    void optionsParseTheCommandLineAndRejectNonsense() {
        var o = TrainOptions.parse("--model", "cnn", "--epochs", "3", "--batch-size", "128", "--threads", "2", "--data", "/d", "--out", "o", "--cosine");
        assertEquals(new TrainOptions("cnn", 3, 128, 2, Path.of("/d"), Path.of("o"), 1e-3, 0, true, true), o);
        assertEquals(o, TrainOptions.parse("--model cnn --epochs 3 --batch-size 128 --threads 2 --data /d --out o --cosine"));
        assertEquals(TrainOptions.defaults(), TrainOptions.parse(""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainOptions.parse("--model", "rnn")).getMessage().contains("mlp or cnn"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainOptions.parse("--epochs", "0")).getMessage().contains("positive"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainOptions.parse("--epochs", "x")).getMessage().contains("number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainOptions.parse("--frobnicate", "1")).getMessage().contains("unknown option"));
    }
}
