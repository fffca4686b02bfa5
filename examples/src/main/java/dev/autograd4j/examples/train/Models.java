package dev.autograd4j.examples.train;

import dev.autograd4j.nn.Conv2d;
import dev.autograd4j.nn.Flatten;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.MaxPool2d;
import dev.autograd4j.nn.Module;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.nn.Sequential;

/** The two models of the Fashion-MNIST benchmark rows this example reproduces; tools/train_torch.py builds the same. */
public final class Models {
    private Models() {}

    /** The benchmark table's "MLP 256-128-100": three ReLU hidden layers, then 10 logits. */
    public static Module mlp() {
        return new Sequential(new Flatten(),
                new Linear(784, 256), new ReLU(),
                new Linear(256, 128), new ReLU(),
                new Linear(128, 100), new ReLU(),
                new Linear(100, 10));
    }

    /** "2 Conv+pooling": two 5x5 conv + ReLU + 2x2 max-pool stages (16 and 32 channels), a 128-unit layer, 10 logits. */
    public static Module cnn() {
        return new Sequential(
                new Conv2d(1, 16, 5, 1, 2), new ReLU(), new MaxPool2d(2),
                new Conv2d(16, 32, 5, 1, 2), new ReLU(), new MaxPool2d(2),
                new Flatten(), new Linear(32 * 7 * 7, 128), new ReLU(), new Linear(128, 10));
    }

    /** The model named by {@code --model}: {@code Models.named("cnn")}. */
    public static Module named(String name) {
        return switch (name) {
            case "mlp" -> mlp();
            case "cnn" -> cnn();
            default -> throw new IllegalArgumentException("unknown model " + name + " (mlp or cnn)");
        };
    }
}
