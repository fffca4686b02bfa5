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
    /** For a node's own output: the node, which the version error names (PyTorch does not track outputs' later grad_fn). */
    private final Node savedFor;
    private final int outputNr;

    SavedTensor(Tensor tensor) {
        this(tensor, null);
    }

    /** Saves {@code tensor}; {@code savedFor} is the node whose output it is, or null for an input. */
    SavedTensor(Tensor tensor, Node savedFor) {
        this.tensor = tensor;
        this.version = tensor.version();
        this.savedFor = savedFor;
        this.outputNr = tensor.outputNr();
    }

    /** The saved tensor, after checking that it was neither freed nor modified in place. */
    Tensor unpack() {
        Tensor t = tensor;
        if (t == null) throw new IllegalStateException(FREED);
        int now = t.version();
        if (now != version) {
            // An input names its current grad_fn (h.add_(1) makes it AddBackward0); an output names the node that
            // saved it (exp's result stays "output 0 of ExpBackward0" after b.add_(1)), as SPEC G3 records.
            Node fn = savedFor != null ? savedFor : t.gradFn();
            int nr = savedFor != null ? outputNr : t.outputNr();
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

    /** The saved tensor without the version check, or null once freed (for drawing the graph). */
    Tensor peek() { return tensor; }
}
