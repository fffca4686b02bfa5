package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * Flattens dims startDim..endDim into one (default 1..-1, keeping the batch dim): PyTorch's {@code nn.Flatten}.
 *
 * <pre>{@code Tensor flat = new Flatten().forward(images);   // [N, 1, 28, 28] -> [N, 784]}</pre>
 */
public class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    /** Flattens all but the batch dim: {@code new Flatten()}. */
    public Flatten() { this(1, -1); }

    /** Flattens dims startDim..endDim: {@code new Flatten(0, -1)}. */
    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    /** Applies the flatten: {@code new Flatten().forward(x)}. */
    @Override
    public Tensor forward(Tensor input) { return input.flatten(startDim, endDim); }

    @Override
    public String extraRepr() { return "start_dim=" + startDim + ", end_dim=" + endDim; }
}
