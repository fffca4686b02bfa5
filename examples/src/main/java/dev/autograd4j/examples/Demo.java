package dev.autograd4j.examples;

import dev.autograd4j.Tensor;

/** The README's main demo: the tutorials' walkthrough, then training. */
public final class Demo {
    private Demo() {}

    /** Runs the demo: {@code mvn -q -DskipTests package exec:exec}. */
    public static void main(String[] args) {
        Tensor x = Tensor.of(4f).requiresGrad_();
        Tensor y = x.pow(2);
        y.backward();
        System.out.println(y);
        System.out.println(x.grad());
    }
}
