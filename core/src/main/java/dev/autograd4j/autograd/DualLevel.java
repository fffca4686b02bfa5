package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A forward-AD level (PyTorch's {@code dual_level}): the scope in which dual tensors carry tangents. Closing it
 * drops every tangent made at this level, so {@code unpackDual} then gives a null tangent.
 *
 * <pre>{@code
 * try (DualLevel level = ForwardAD.dualLevel()) {
 *     Tensor y = ForwardAD.makeDual(x, v).sin();
 * }
 * }</pre>
 */
public final class DualLevel implements AutoCloseable {
    /*
     * NOTE [Tangent side table]: tangents live here rather than in a Tensor field, keyed weakly by tensor identity
     * (Tensor keeps Object's equals/hashCode), so a dual tensor that becomes unreachable inside a long level does
     * not keep its tangent alive, and leaving the level forgets all of them at once.
     */
    private final Map<Tensor, Tensor> tangents = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile boolean open = true;
    /**
     * 0 for a level of PyTorch's kind; B > 0 for a batched level (internal, what Functional's vectorize uses in place
     * of vmap): every tangent then carries B tangents stacked on a leading dim, {@code [B, *primal.shape]}.
     */
    final int batch;

    DualLevel() { this(0); }

    DualLevel(int batch) { this.batch = batch; }

    /** The tangent of {@code t} at this level, or null. */
    Tensor tangent(Tensor t) { return open ? tangents.get(t) : null; }

    void setTangent(Tensor t, Tensor tangent) { tangents.put(t, tangent); }

    /** Whether the level is still entered. */
    public boolean isOpen() { return open; }

    /** Leaves the level and forgets its tangents: {@code level.close()}. */
    @Override
    public void close() {
        if (!open) return;
        ForwardAD.exit(this);
        open = false;
        tangents.clear();
    }
}
