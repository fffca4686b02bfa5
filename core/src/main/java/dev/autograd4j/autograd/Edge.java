package dev.autograd4j.autograd;

/**
 * One input of a backward {@link Node}: the node that receives the gradient and which of its inputs it is.
 *
 * <p>{@code node} is null where PyTorch prints {@code (None, 0)}: an input that does not require grad.
 *
 * <pre>{@code Edge e = y.gradFn().nextFunctions().get(0); e.node().name(); // "AccumulateGrad"}</pre>
 */
public record Edge(Node node, int inputNr) {
    /** The edge PyTorch prints as {@code (None, 0)}. */
    public static final Edge NONE = new Edge(null, 0);

    @Override
    public String toString() {
        return "(" + (node == null ? "None" : node.toString()) + ", " + inputNr + ")";
    }
}
