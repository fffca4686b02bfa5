package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import dev.autograd4j.tensor.Shapes;

/**
 * A tensor a node keeps for its backward rule, with the version it had when saved (NOTE [Version counter]).
 */
final class SavedTensor {
    static final String FREED = "Trying to backward through the graph a second time (or directly access saved "
            + "tensors after they have already been freed). Saved intermediate values of the graph are freed when "
            + "you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through "
            + "the graph a second time or if you need to access saved tensors after calling backward.";

    private Tensor tensor;
    private final int version;
    /** The node whose output 0 this is (a saved result), or null for a saved input. */
    private final Node producer;

    SavedTensor(Tensor tensor) { this(tensor, null); }

    /**
     * A saved result of {@code producer}: like PyTorch, the version error then names the node that saved it, even
     * after an in-place op has given the tensor a new grad_fn.
     */
    SavedTensor(Tensor tensor, Node producer) {
        this.tensor = tensor;
        this.version = tensor.version();
        this.producer = producer;
    }

    /** The saved tensor, after checking that it was neither freed nor modified in place. */
    Tensor unpack() {
        Tensor t = tensor;
        if (t == null) throw new IllegalStateException(FREED);
        int now = t.version();
        if (now != version) {
            Node fn = producer != null ? producer : t.gradFn();
            int nr = producer != null ? 0 : t.outputNr();
            String which = fn == null ? "" : ", which is output " + nr + " of " + fn.name() + ",";
            throw new IllegalStateException("one of the variables needed for gradient computation has been modified "
                    + "by an inplace operation: [" + t.dtype().legacyName() + " " + Shapes.str(t.shape()) + "]"
                    + which + " is at version " + now + "; expected version " + version + " instead. "
                    + (Anomaly.isEnabled()
                        ? "Hint: the backtrace further above shows the operation that failed to compute its gradient. "
                          + "The variable in question was changed in there or anywhere later. Good luck!"
                        : "Hint: enable anomaly detection to find the operation that failed to compute its gradient, "
                          + "with torch.autograd.set_detect_anomaly(True)."));
        }
        return t;
    }

    void release() { tensor = null; }
}
