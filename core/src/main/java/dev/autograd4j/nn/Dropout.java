package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * Zeroes each element with probability p while training and scales the rest by 1/(1-p): PyTorch's {@code nn.Dropout}.
 *
 * <pre>{@code Tensor y = new Dropout(0.5).forward(x);   // identity after model.eval()}</pre>
 */
public class Dropout extends Module {
    private final double p;

    /** p = 0.5: {@code new Dropout()}. */
    public Dropout() { this(0.5); }

    /** Drop probability p in [0, 1]: {@code new Dropout(0.2)}. */
    public Dropout(double p) {
        if (p < 0 || p > 1) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + F.pyFloat(p));
        }
        this.p = p;
    }

    /** Applies dropout in training mode, identity in eval mode: {@code drop.forward(x)}. */
    @Override
    public Tensor forward(Tensor input) { return F.dropout(input, p, isTraining()); }

    @Override
    public String extraRepr() { return "p=" + F.pyFloat(p) + ", inplace=False"; }
}
