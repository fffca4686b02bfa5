package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * log_softmax along a dim, computed stably: PyTorch's {@code nn.LogSoftmax}.
 *
 * <pre>{@code Tensor lp = new LogSoftmax(1).forward(logits);}</pre>
 */
public class LogSoftmax extends Module {
    private final int dim;

    /** log_softmax along {@code dim}: {@code new LogSoftmax(1)}. */
    public LogSoftmax(int dim) { this.dim = dim; }

    /** Applies log_softmax: {@code new LogSoftmax(-1).forward(x)}. */
    @Override
    public Tensor forward(Tensor input) { return input.logSoftmax(dim); }

    @Override
    public String extraRepr() { return "dim=" + dim; }
}
