package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import dev.autograd4j.ops.Op;

/** Builds the backward node of one op application and attaches it to the output. */
public final class Recorder {
    private Recorder() {}

    /** Records {@code op(inputs) = out}: edges to each input that requires grad, and the tensors its rule saves. */
    public static OpNode record(Op op, Tensor[] inputs, Tensor out) {
        int n = inputs.length;
        // A Java scalar operand of +, -, *, / shows up as PyTorch's (None, 0) edge.
        Edge[] edges = new Edge[op instanceof Op.Scalar s && s.kind() != Op.ScalarKind.POW && s.kind() != Op.ScalarKind.RPOW
                ? n + 1 : n];
        if (edges.length > n) edges[n] = Edge.NONE;
        for (int i = 0; i < n; i++) {
            Tensor in = inputs[i];
            edges[i] = in.requiresGrad() && in.dtype().isFloatingPoint() ? in.gradientEdge() : Edge.NONE;
        }
        OpNode node = new OpNode(op, edges, inputs, out);
        out.setGradFn(node, 0);
        if (Anomaly.isEnabled()) node.forwardTrace = new Throwable("Traceback of forward call that caused the error");
        return node;
    }
}
