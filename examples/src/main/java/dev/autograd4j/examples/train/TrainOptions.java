package dev.autograd4j.examples.train;

import java.nio.file.Path;

/**
 * The training example's command line: {@code --model mlp|cnn --epochs N --batch-size B --threads T --data DIR
 * --out DIR --lr LR --seed S --cosine --no-progress}.
 *
 * <pre>{@code TrainOptions o = TrainOptions.parse("--model", "cnn", "--epochs", "3");}</pre>
 *
 * @param model      {@code mlp} or {@code cnn}
 * @param epochs     passes over the training data
 * @param batchSize  examples per step
 * @param threads    kernel threads (0: the library's default)
 * @param data       a directory with the four Fashion-MNIST IDX files, or null for the installed data or the subset
 * @param out        where the plots and the checkpoint go
 * @param lr         Adam's learning rate
 * @param seed       seeds the weights and the shuffle
 * @param progress   whether to draw the progress bar
 * @param cosine     whether the learning rate follows a cosine from lr to 0 over the epochs (CosineAnnealingLR)
 */
public record TrainOptions(String model, int epochs, int batchSize, int threads, Path data, Path out, double lr,
                           long seed, boolean progress, boolean cosine) {

    /** The defaults: mlp, 1 epoch, batch 64, default threads, installed data or the subset, out dir "target/training-out". */
    public static TrainOptions defaults() {
        return new TrainOptions("mlp", 1, 64, 0, null, Path.of("target", "training-out"), 1e-3, 0, true, false);
    }

    /** Parses {@code args} over the defaults; throws IllegalArgumentException naming a bad option. */
    public static TrainOptions parse(String... given) {
        // exec:exec passes -Ddemo.args="--model cnn --epochs 2" as one argument: split every argument on blanks.
        String[] args = String.join(" ", given).strip().split("\\s+");
        TrainOptions o = defaults();
        for (int i = 0; i < args.length; i++) {
            String key = args[i];
            if (key.isBlank()) continue;   // exec:exec passes an empty demo.args as ""
            if (key.equals("--no-progress")) { o = o.withProgress(false); continue; }
            if (key.equals("--cosine")) {
                o = new TrainOptions(o.model, o.epochs, o.batchSize, o.threads, o.data, o.out, o.lr, o.seed, o.progress, true);
                continue;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException("option " + key + " needs a value\n" + usage());
            String v = args[++i];
            try {
                o = switch (key) {
                    case "--model" -> {
                        if (!v.equals("mlp") && !v.equals("cnn")) throw new IllegalArgumentException("--model must be mlp or cnn, got " + v);
                        yield new TrainOptions(v, o.epochs, o.batchSize, o.threads, o.data, o.out, o.lr, o.seed, o.progress, o.cosine);
                    }
                    case "--epochs" -> new TrainOptions(o.model, positive(key, v), o.batchSize, o.threads, o.data, o.out, o.lr, o.seed, o.progress, o.cosine);
                    case "--batch-size" -> new TrainOptions(o.model, o.epochs, positive(key, v), o.threads, o.data, o.out, o.lr, o.seed, o.progress, o.cosine);
                    case "--threads" -> new TrainOptions(o.model, o.epochs, o.batchSize, positive(key, v), o.data, o.out, o.lr, o.seed, o.progress, o.cosine);
                    case "--data" -> new TrainOptions(o.model, o.epochs, o.batchSize, o.threads, Path.of(v), o.out, o.lr, o.seed, o.progress, o.cosine);
                    case "--out" -> new TrainOptions(o.model, o.epochs, o.batchSize, o.threads, o.data, Path.of(v), o.lr, o.seed, o.progress, o.cosine);
                    case "--lr" -> new TrainOptions(o.model, o.epochs, o.batchSize, o.threads, o.data, o.out, Double.parseDouble(v), o.seed, o.progress, o.cosine);
                    case "--seed" -> new TrainOptions(o.model, o.epochs, o.batchSize, o.threads, o.data, o.out, o.lr, Long.parseLong(v), o.progress, o.cosine);
                    default -> throw new IllegalArgumentException("unknown option " + key + "\n" + usage());
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option " + key + " needs a number, got " + v);
            }
        }
        return o;
    }

    /** These options without (or with) the progress bar. */
    public TrainOptions withProgress(boolean on) {
        return new TrainOptions(model, epochs, batchSize, threads, data, out, lr, seed, on, cosine);
    }

    /** The usage text. */
    public static String usage() {
        return "usage: FashionMnistTraining [--model mlp|cnn] [--epochs N] [--batch-size B] [--threads T] [--data DIR]\n"
                + "                           [--out DIR] [--lr LR] [--seed S] [--cosine] [--no-progress]";
    }

    private static int positive(String key, String v) {
        int n = Integer.parseInt(v);
        if (n <= 0) throw new IllegalArgumentException(key + " must be positive, got " + n);
        return n;
    }
}
