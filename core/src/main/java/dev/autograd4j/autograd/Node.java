package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A backward function in the recorded graph (PyTorch's {@code grad_fn}): it maps the gradients of its
 * outputs to the gradients of its inputs, and points at the nodes of those inputs through {@link Edge}s.
 *
 * <pre>{@code
 * Tensor y = x.mul(2);
 * y.gradFn().name();            // "MulBackward0"
 * y.gradFn().nextFunctions();   // [(<AccumulateGrad ...>, 0), (None, 0)]
 * }</pre>
 */
public abstract class Node {
    private static final java.util.concurrent.atomic.AtomicLong SEQUENCE = new java.util.concurrent.atomic.AtomicLong();

    /** Creation order; the engine runs ready nodes with the highest number first, as PyTorch does. */
    final long sequenceNr;
    /**
     * PyTorch's {@code topological_nr}: 0 for a node without inputs (AccumulateGrad), else 1 + the largest of its
     * inputs'. A node can only reach nodes with a smaller number, which lets {@code autograd.grad} skip the part
     * of the graph below its inputs (NOTE [Pruned discovery] in Engine).
     */
    final int topologicalNr;
    protected Edge[] next;
    /** Tensor hooks of each output, run on the incoming gradient before the node (retainGrad ones last). */
    // Volatile so the engine's hot path can skip the lock when a node has no hooks (the common case).
    private volatile List<UnaryOperator<Tensor>>[] tensorPreHooks;
    private volatile Tensor[] retainGradTargets;
    private volatile List<Function<Tensor[], Tensor[]>> preHooks;
    private volatile List<BiFunction<Tensor[], Tensor[], Tensor[]>> postHooks;
    private Map<String, Object> metadata;
    /** The Java stack of the forward call that created this node; recorded only in anomaly mode. */
    Throwable forwardTrace;

    protected Node(Edge[] next) {
        this.next = next;
        // Atomic: threads build graphs concurrently, and a lost update could order one thread's nodes backwards.
        this.sequenceNr = SEQUENCE.getAndIncrement();
        int topo = 0;
        for (Edge e : next) if (e.node() != null) topo = Math.max(topo, e.node().topologicalNr + 1);
        this.topologicalNr = topo;
    }

    /** PyTorch's class name of this backward function, e.g. {@code "AddBackward0"}. */
    public abstract String name();

    /**
     * Computes the gradients of the inputs from the gradients of the outputs (entries may be null when an
     * output received no gradient). Runs with grad mode equal to the engine's createGraph.
     */
    protected abstract Tensor[] apply(Tensor[] gradOutputs);

    /** How many outputs the forward op had (most have one). */
    public int numOutputs() { return 1; }

    /** Frees saved tensors after a backward without retainGraph; a later use raises PyTorch's error. */
    protected void releaseVariables() {}

    /** The input edges, in the forward op's argument order: {@code y.gradFn().nextFunctions().get(0).node()}. */
    public List<Edge> nextFunctions() { return List.of(next); }

    /** Raw access for the engine. */
    Edge[] edges() { return next; }

    /** User metadata (PyTorch's {@code Node.metadata}): {@code node.metadata().put("tag", 1)}. */
    public synchronized Map<String, Object> metadata() {
        if (metadata == null) metadata = new HashMap<>();
        return metadata;
    }

    /**
     * Registers a hook {@code (gradInputs, gradOutputs) -> replacement gradInputs or null} that runs after this
     * node: {@code y.gradFn().registerHook((gi, go) -> null)}.
     */
    public synchronized Handle registerHook(BiFunction<Tensor[], Tensor[], Tensor[]> hook) {
        if (postHooks == null) postHooks = new ArrayList<>();
        postHooks.add(hook);
        return () -> { synchronized (this) { postHooks.remove(hook); } };
    }

    /** Registers a hook {@code gradOutputs -> replacement or null} that runs before this node. */
    public synchronized Handle registerPrehook(Function<Tensor[], Tensor[]> hook) {
        if (preHooks == null) preHooks = new ArrayList<>();
        preHooks.add(hook);
        return () -> { synchronized (this) { preHooks.remove(hook); } };
    }

    /** Adds a tensor hook for the gradient of output {@code outputNr} (what {@code Tensor.registerHook} uses). */
    @SuppressWarnings("unchecked")
    public synchronized Handle addTensorPreHook(int outputNr, UnaryOperator<Tensor> hook) {
        if (tensorPreHooks == null) tensorPreHooks = new List[numOutputs()];
        if (tensorPreHooks[outputNr] == null) tensorPreHooks[outputNr] = new ArrayList<>();
        List<UnaryOperator<Tensor>> list = tensorPreHooks[outputNr];
        list.add(hook);
        return () -> { synchronized (this) { list.remove(hook); } };
    }

    /** Makes the gradient of output {@code outputNr} be stored into {@code t.grad} (retainGrad). */
    public synchronized void setRetainGrad(int outputNr, Tensor t) {
        if (retainGradTargets == null) retainGradTargets = new Tensor[numOutputs()];
        retainGradTargets[outputNr] = t;
    }

    List<UnaryOperator<Tensor>> tensorHooks(int outputNr) {
        if (tensorPreHooks == null) return Collections.emptyList();
        synchronized (this) {
            return tensorPreHooks[outputNr] == null ? Collections.emptyList() : List.copyOf(tensorPreHooks[outputNr]);
        }
    }

    Tensor retainGradTarget(int outputNr) {
        Tensor[] r = retainGradTargets;
        return r == null ? null : r[outputNr];
    }

    List<Function<Tensor[], Tensor[]>> preHooks() {
        if (preHooks == null) return Collections.emptyList();
        synchronized (this) { return List.copyOf(preHooks); }
    }

    List<BiFunction<Tensor[], Tensor[], Tensor[]>> postHooks() {
        if (postHooks == null) return Collections.emptyList();
        synchronized (this) { return List.copyOf(postHooks); }
    }

    /** {@code <MulBackward0 object at 0x1b2c3d>}, PyTorch's repr with the identity hash as the address. */
    @Override
    public String toString() {
        return "<" + name() + " object at 0x" + Integer.toHexString(System.identityHashCode(this)) + ">";
    }
}
