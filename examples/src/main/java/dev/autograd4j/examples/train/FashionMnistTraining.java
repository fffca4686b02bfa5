package dev.autograd4j.examples.train;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import dev.autograd4j.data.DataLoader;
import dev.autograd4j.data.FashionMnist;
import dev.autograd4j.data.TensorDataset;
import dev.autograd4j.io.Safetensors;
import dev.autograd4j.kernel.Parallel;
import dev.autograd4j.nn.F;
import dev.autograd4j.nn.Module;
import dev.autograd4j.optim.Adam;
import dev.autograd4j.optim.CosineAnnealingLR;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Trains an MLP or a CNN on Fashion-MNIST with Adam and cross-entropy, as the PyTorch script tools/train_torch.py
 * does with the same models and settings: a progress bar per epoch, the test accuracy after each, PNG plots of the
 * curves and of the tutorial's sin(a) gradient, and a safetensors checkpoint.
 *
 * <pre>{@code
 * mvn -q -DskipTests package exec:exec -Ddemo.main=dev.autograd4j.examples.train.FashionMnistTraining \
 *     -Ddemo.args="--model mlp --epochs 10"
 * }</pre>
 *
 * Data: {@code --data DIR}, else the Debian package dataset-fashion-mnist when installed, else the 2000/500 example
 * subset bundled in this module's resources, so the example runs on a fresh machine.
 */
public final class FashionMnistTraining {
    private FashionMnistTraining() {}

    /** Fashion-MNIST's pixel mean and standard deviation over the training set (of ToTensor's [0, 1] values). */
    static final double MEAN = 0.2860, STD = 0.3530;

    /** The training and test splits and where they came from. */
    public record Data(TensorDataset train, TensorDataset test, String source) {}

    /** Runs the example: {@code FashionMnistTraining.main(new String[]{"--model", "cnn", "--epochs", "2"})}. */
    public static void main(String[] args) {
        TrainOptions options;
        try {
            options = TrainOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        run(options, System.out);
    }

    /** Trains with {@code options}, printing to {@code out}; returns the per-epoch history. */
    public static History run(TrainOptions options, PrintStream out) {
        if (options.threads() > 0) Parallel.setNumThreads(options.threads());
        Data data = load(options.data());
        out.printf(Locale.ROOT, "Fashion-MNIST (%s): %d training and %d test images; model %s, %d epoch(s), batch %d, Adam lr %s%s, %d thread(s)%n",
                data.source(), data.train().size(), data.test().size(), options.model(), options.epochs(), options.batchSize(),
                options.lr(), options.cosine() ? " (cosine to 0)" : "", Parallel.getNumThreads());
        Tensor.manualSeed(options.seed());
        Module model = Models.named(options.model());
        History history = train(model, data, options, out);
        Path ckpt = options.out().resolve("model-" + options.model() + ".safetensors");
        writeOutputs(model, history, options, ckpt, out);
        return history;
    }

    /** The data {@code --data} names, else the installed full data, else the bundled subset. */
    public static Data load(Path dir) {
        if (dir != null) {
            return new Data(normalized(FashionMnist.load(dir, true)), normalized(FashionMnist.load(dir, false)), dir.toString());
        }
        var installed = FashionMnist.installed(FashionMnist.DEBIAN_DIR);
        if (installed.isPresent()) return load(installed.get());
        return new Data(normalized(resource(true)), normalized(resource(false)), "the subset bundled with the examples");
    }

    /** The bundled subset's split, read from this module's resources. */
    static TensorDataset resource(boolean train) {
        String base = "/fashion-mnist-subset/" + FashionMnist.prefix(train);
        InputStream images = FashionMnistTraining.class.getResourceAsStream(base + "-images-idx3-ubyte.gz");
        InputStream labels = FashionMnistTraining.class.getResourceAsStream(base + "-labels-idx1-ubyte.gz");
        if (images == null || labels == null) throw new IllegalStateException("the bundled subset " + base + "-* is missing from the class path");
        return FashionMnist.load(images, labels);
    }

    /** transforms.Normalize((0.2860,), (0.3530,)) applied once to the whole split. */
    private static TensorDataset normalized(TensorDataset ds) {
        Tensor[] t = ds.tensors();
        return new TensorDataset(t[0].sub(MEAN).div(STD), t[1]);
    }

    /** The training loop: per epoch, Adam steps over shuffled batches, then evaluation on the test split. */
    public static History train(Module model, Data data, TrainOptions options, PrintStream out) {
        var adam = new Adam(model.parameters(), options.lr());
        var loader = new DataLoader(data.train(), new DataLoader.Options()
                .batchSize(options.batchSize()).shuffle(true).seed(options.seed()).prefetch(2));
        // --cosine: CosineAnnealingLR stepped once per epoch, from lr down to 0 at the end of the last epoch.
        var schedule = options.cosine() ? new CosineAnnealingLR(adam, options.epochs(), 0) : null;
        History history = new History();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            model.train();
            double lossSum = 0;
            long correct = 0, seen = 0;
            int batches = 0;
            // within-epoch curve: about 20 windows per epoch
            int window = Math.max(1, loader.size() / 20), windowBatches = 0;
            double windowLoss = 0;
            long windowCorrect = 0, windowSeen = 0;
            String title = String.format(Locale.ROOT, "epoch %d/%d", epoch, options.epochs());
            double seconds;
            try (var bar = new EpochProgress(title, loader.size(), options.progress() ? out : null)) {
                for (Tensor[] batch : loader) {
                    Tensor logits = model.call(batch[0]);
                    Tensor loss = F.crossEntropy(logits, batch[1]);
                    adam.zeroGrad();
                    loss.backward();
                    adam.step();
                    double l = loss.item();
                    long right = (long) logits.detach().argmax(1, false).eq(batch[1]).to(DType.INT64).sum().item();
                    lossSum += l;
                    batches++;
                    correct += right;
                    seen += batch[1].numel();
                    windowLoss += l;
                    windowCorrect += right;
                    windowSeen += batch[1].numel();
                    if (++windowBatches == window || batches == loader.size()) {
                        history.add(new History.Window(epoch - 1 + (double) batches / loader.size(),
                                windowLoss / windowBatches, (double) windowCorrect / windowSeen));
                        windowBatches = 0;
                        windowLoss = 0;
                        windowCorrect = windowSeen = 0;
                    }
                    bar.step(batch[1].numel(), lossSum / batches);
                }
                seconds = bar.elapsedSeconds();
            }
            if (schedule != null) schedule.step();
            double[] test = evaluate(model, data.test());
            var e = new History.Epoch(epoch, lossSum / batches, (double) correct / seen, test[0], test[1], seconds);
            history.add(e);
            out.printf(Locale.ROOT, "epoch %d/%d: train loss %.4f, train accuracy %.4f | test loss %.4f, test accuracy %.4f | %.1f s, %.0f samples/s%n",
                    epoch, options.epochs(), e.trainLoss(), e.trainAccuracy(), e.testLoss(), e.testAccuracy(), seconds, seen / seconds);
        }
        return history;
    }

    /** Mean cross-entropy and accuracy over {@code ds}, in eval mode without a graph, 1000 examples at a time. */
    public static double[] evaluate(Module model, TensorDataset ds) {
        model.eval();
        double lossSum = 0;
        long correct = 0;
        try (var ignored = Autograd.noGrad()) {
            for (Tensor[] b : new DataLoader(ds, 1000)) {
                Tensor logits = model.call(b[0]);
                lossSum += F.crossEntropy(logits, b[1], "sum").item();
                correct += (long) logits.argmax(1, false).eq(b[1]).to(DType.INT64).sum().item();
            }
        }
        model.train();
        return new double[]{lossSum / ds.size(), (double) correct / ds.size()};
    }

    private static void writeOutputs(Module model, History history, TrainOptions options, Path ckpt, PrintStream out) {
        var last = history.epochs().getLast();
        out.printf(Locale.ROOT, "test accuracy: %.4f after %d epoch(s), %.1f s of training%n",
                last.testAccuracy(), history.epochs().size(), history.trainingSeconds());
        var plots = Plots.curves(history, "Fashion-MNIST " + options.model(), options.out());
        Path sin = Plots.sinAndGradient(options.out());
        Safetensors.save(model.stateDict(), Map.of("model", options.model(), "epochs", String.valueOf(options.epochs()),
                "test_accuracy", String.format(Locale.ROOT, "%.4f", last.testAccuracy())), ckpt);
        out.println("wrote " + plots.get(0).toAbsolutePath() + ", " + plots.get(1).getFileName() + ", " + sin.getFileName()
                + " and the checkpoint " + ckpt.getFileName());
    }
}
