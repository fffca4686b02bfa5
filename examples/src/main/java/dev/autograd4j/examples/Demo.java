package dev.autograd4j.examples;

import dev.autograd4j.examples.train.FashionMnistTraining;
import dev.autograd4j.examples.train.TrainOptions;

/**
 * The README's main demo: the tutorials' walkthrough, then a short Fashion-MNIST training (an MLP, one epoch, on
 * the full data when the Debian package is installed, else the bundled subset) with its progress bar, test accuracy
 * and plots.
 */
public final class Demo {
    private Demo() {}

    /** Runs the demo: {@code mvn -q -DskipTests package exec:exec}; training options may follow, as {@code --model cnn}. */
    public static void main(String[] args) {
        Walkthrough.run(System.out);
        System.out.println();
        System.out.println("==== Training on Fashion-MNIST (dev.autograd4j.examples.train.FashionMnistTraining) ====");
        FashionMnistTraining.run(TrainOptions.parse(args), System.out);
    }
}
