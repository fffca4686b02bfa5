package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import dev.autograd4j.tensor.Storage;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The gradient storages that only the engine holds during one {@code backward()}, so that {@link AccumulateGrad} can
 * adopt such a gradient as the leaf's {@code .grad} instead of copying it.
 *
 * <p>NOTE [Stealing gradients]: PyTorch's AccumulateGrad steals a new gradient when its reference count shows no
 * other owner; for a Linear layer's weight that saves a copy of the whole weight every step. Java has no reference
 * counts, so ownership is proved by construction instead: a storage is owned when a derivative-table formula
 * ({@link OpNode}, our code, never a user's Function or hook) allocated it while it ran, or passed an owned input
 * gradient through, and it left that node on exactly one edge; sums of gradients made by the engine are owned too.
 * It stops being owned as soon as a hook, retain_grad or a capture could see it. Only first-order backward into
 * leaves uses this: with createGraph the gradient keeps its graph, and under forward AD its tangent.
 */
final class GradOwnership {
    private final Map<Storage, Boolean> owned = new IdentityHashMap<>();
    private long mark;

    /** Call right before a node's formula runs: what it allocates from here on is its own. */
    void beforeApply() {
        mark = Storage.nextSerial();
    }

    /** Records which of the node's output gradients are owned; its input gradients are consumed. */
    void afterApply(Node node, Tensor[] in, Tensor[] out) {
        boolean formula = node instanceof OpNode && node.postHooks().isEmpty();
        Storage[] fresh = new Storage[out.length];
        for (int i = 0; i < out.length; i++) {
            if (!formula || out[i] == null) continue;
            Storage s = out[i].storage();
            if (s.serial >= mark || owned.containsKey(s)) fresh[i] = s;
        }
        for (Tensor t : in) if (t != null) owned.remove(t.storage());
        for (int i = 0; i < out.length; i++) {
            if (fresh[i] == null) continue;
            boolean unique = true;
            for (int j = 0; j < out.length; j++) {
                if (j != i && out[j] != null && out[j].storage() == fresh[i]) unique = false;
            }
            if (unique) owned.put(fresh[i], Boolean.TRUE);
        }
    }

    /** A sum the engine made of two gradients for one input: nobody else has seen it. */
    void adopt(Tensor sum) {
        owned.put(sum.storage(), Boolean.TRUE);
    }

    /** Someone outside the engine (a hook, retain_grad, a capture) may now hold {@code t}. */
    void release(Tensor t) {
        if (t != null) owned.remove(t.storage());
    }

    /** Whether only the engine holds {@code t}'s storage. */
    boolean owns(Tensor t) {
        return owned.containsKey(t.storage());
    }
}
