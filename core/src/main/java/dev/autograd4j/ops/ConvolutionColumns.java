package dev.autograd4j.ops;

import dev.autograd4j.Tensor;

/**
 * The im2col columns of one convolution's forward, handed once to its backward so that the weight gradient
 * does not rebuild them (NOTE [Convolution columns]).
 *
 * <p>NOTE [Convolution columns]: the weight gradient is {@code g cols^T} with {@code cols = im2col(x)}, the
 * matrix the forward has just built. The layer entry attaches a holder to the op when the weight will need a
 * gradient; the forward offers its columns, and the backward takes them when they need not be differentiable
 * (grad mode off, or x needs no gradient); otherwise it rebuilds them with the differentiable Im2Col op, as it
 * does after the first take (retain_graph). The columns are private to the holder, so nothing can write them,
 * and x's saved-tensor version check runs before they are used, so they always equal im2col(x). Only the first
 * offer counts: forward AD reruns the same op on tangents.
 */
public final class ConvolutionColumns {
    private Tensor columns;
    private boolean offered;

    /** Keeps the primal forward's columns; later offers (forward-AD tangents) are ignored. */
    void offer(Tensor cols) {
        if (offered) return;
        offered = true;
        columns = cols;
    }

    /** The forward's columns [N, C*K, L] (stored [C*K, N, L]) once, then null, so the backward frees them. */
    public Tensor take() {
        Tensor c = columns;
        columns = null;
        return c;
    }

    @Override
    public String toString() { return "ConvolutionColumns"; }
}
