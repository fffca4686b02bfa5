package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import dev.autograd4j.profiler.Profiler;
import dev.autograd4j.tensor.Shapes;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.UnaryOperator;

/**
 * Runs backward over the recorded graph: dependency counts, a ready queue, gradients summed per node input
 * (ARCHITECTURE rule 4). Nothing here recurses, so a graph of any depth fits the default thread stack.
 *
 * <p>Ready nodes run highest sequence number first (the most recently created), AccumulateGrad before anything,
 * as PyTorch's engine orders them.
 */
final class Engine {
    private Engine() {}

    /**
     * Backpropagates from {@code roots}.
     *
     * @param grads        one gradient per root, null entries meaning "implicit ones" (scalar roots only)
     * @param inputs       null for {@code backward()} into every leaf; otherwise the tensors whose gradients
     *                     are wanted
     * @param accumulate   true: add into {@code .grad} (backward); false: return the gradients (autograd.grad)
     * @return one gradient per input when {@code accumulate} is false (entries null if unused), else null
     */
    static Tensor[] run(List<Tensor> roots, List<Tensor> grads, boolean keepGraph, boolean createGraph,
                        List<Tensor> inputs, boolean accumulate, boolean allowUnused) {
        int nRoots = roots.size();
        Edge[] rootEdges = new Edge[nRoots];
        Tensor[] rootGrads = new Tensor[nRoots];
        for (int i = 0; i < nRoots; i++) {
            Tensor r = roots.get(i);
            Tensor g = grads == null ? null : grads.get(i);
            if (g == null) {
                if (r.numel() != 1) throw new IllegalStateException("grad can be implicitly created only for scalar outputs");
                g = Tensor.onesLike(r);
            } else if (!Arrays.equals(g.shape(), r.shape())) {
                throw new IllegalArgumentException("Mismatch in shape: grad_output[" + i + "] has a shape of "
                        + Shapes.torchSize(g.shape()) + " and output[" + i + "] has a shape of "
                        + Shapes.torchSize(r.shape()) + ".");
            } else if (g.dtype() != r.dtype()) {
                g = g.to(r.dtype());
            }
            if (!r.requiresGrad()) {
                throw new IllegalStateException("element " + i + " of tensors does not require grad and does not have a grad_fn");
            }
            rootEdges[i] = r.gradientEdge();
            rootGrads[i] = g;
        }

        // Targets: where gradients are captured (autograd.grad) or the only places accumulated (backward(inputs)).
        Map<Node, List<int[]>> captures = null; // node -> list of {outputNr, inputIndex}
        Tensor[] captured = null;
        if (inputs != null) {
            captures = new IdentityHashMap<>();
            captured = new Tensor[inputs.size()];
            for (int k = 0; k < inputs.size(); k++) {
                Tensor in = inputs.get(k);
                if (!in.requiresGrad()) throw new IllegalArgumentException("One of the differentiated Tensors does not require grad");
                Edge e = in.gradientEdge();
                captures.computeIfAbsent(e.node(), n -> new ArrayList<>()).add(new int[]{e.inputNr(), k});
            }
        }

        // NOTE [Pruned discovery]: with inputs given, a node whose topological number is below every input's
        // cannot reach one, so discovery stops there, as in PyTorch's engine (min_topo_nr). Without this a named
        // composite (whose backward calls autograd.grad) would walk the whole graph below it on every call, which
        // makes a chain of n of them quadratic.
        int minTopo = 0;
        if (captures != null) {
            minTopo = Integer.MAX_VALUE;
            for (Node n : captures.keySet()) minTopo = Math.min(minTopo, n.topologicalNr);
        }

        // Discover the graph (iteratively) and the order in which nodes may run.
        Map<Node, int[]> deps = new IdentityHashMap<>();
        List<Node> discovered = new ArrayList<>();
        ArrayDeque<Node> stack = new ArrayDeque<>();
        for (Edge e : rootEdges) {
            if (deps.putIfAbsent(e.node(), new int[1]) == null) {
                stack.push(e.node());
                discovered.add(e.node());
            }
        }
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            for (Edge e : n.edges()) {
                Node m = e.node();
                if (m == null || m.topologicalNr < minTopo) continue;
                int[] d = deps.get(m);
                if (d == null) {
                    deps.put(m, d = new int[1]);
                    discovered.add(m);
                    stack.push(m);
                }
                d[0]++;
            }
        }

        Map<Node, Boolean> needed = null;
        if (captures != null) needed = neededNodes(discovered, deps, captures);

        Map<Node, Tensor[]> buffers = new IdentityHashMap<>();
        PriorityQueue<Node> ready = new PriorityQueue<>(Engine::byPriority);
        for (int i = 0; i < nRoots; i++) {
            Node n = rootEdges[i].node();
            Tensor[] buf = buffers.computeIfAbsent(n, k -> new Tensor[k.numOutputs()]);
            int nr = rootEdges[i].inputNr();
            buf[nr] = buf[nr] == null ? rootGrads[i] : buf[nr].add(rootGrads[i]);
        }
        for (Node n : discovered) if (deps.get(n)[0] == 0) ready.add(n);

        // NOTE [Stealing gradients] in GradOwnership: first-order backward into leaves only.
        GradOwnership own = accumulate && !createGraph && !ForwardAD.isActive() ? new GradOwnership() : null;
        boolean prevMode = GradMode.set(createGraph);
        try {
            while (!ready.isEmpty()) {
                Node node = ready.poll();
                Tensor[] in = buffers.remove(node);
                if (in == null) in = new Tensor[node.numOutputs()];
                if (captures != null) {
                    List<int[]> caps = captures.get(node);
                    if (caps != null) {
                        for (int[] c : caps) {
                            captured[c[1]] = in[c[0]];
                            if (own != null) own.release(in[c[0]]);
                        }
                    }
                }
                boolean run = needed == null || needed.get(node) == Boolean.TRUE;
                Tensor[] out = null;
                if (run) {
                    final Tensor[] nodeIn = in;
                    final Map<Node, List<int[]>> targets = captures;
                    out = Profiler.isActive()   // NOTE [Profiler fast path]
                            ? Profiler.recordBackward(node, nodeIn, () -> call(node, nodeIn, accumulate, keepGraph, targets, own))
                            : call(node, in, accumulate, keepGraph, captures, own);
                }
                Edge[] edges = node.edges();
                for (int i = 0; i < edges.length; i++) {
                    Node m = edges[i].node();
                    if (m == null || m.topologicalNr < minTopo) continue;
                    Tensor g = out == null || i >= out.length ? null : out[i];
                    if (g != null) {
                        Tensor[] buf = buffers.computeIfAbsent(m, k -> new Tensor[k.numOutputs()]);
                        int nr = edges[i].inputNr();
                        if (buf[nr] == null) {
                            buf[nr] = g;
                        } else {
                            buf[nr] = buf[nr].add(g);
                            if (own != null) own.adopt(buf[nr]);
                        }
                    }
                    if (--deps.get(m)[0] == 0) ready.add(m);
                }
            }
        } finally {
            GradMode.set(prevMode);
        }

        if (captured != null && accumulate) return captured;
        if (captured != null) {
            for (int k = 0; k < captured.length; k++) {
                if (captured[k] == null && !allowUnused) {
                    throw new IllegalArgumentException("One of the differentiated Tensors appears to not have been used in "
                            + "the graph. Set allow_unused=True if this is the desired behavior.");
                }
                if (captured[k] != null && !createGraph) captured[k] = detachKeepingTangent(captured[k]);
            }
            return captured;
        }
        return null;
    }

    /**
     * A gradient without graph that keeps its forward-AD tangent: under a dual level the tangent of grad's result
     * is what forward-over-reverse (hvp, hessian) reads, and detach alone would drop it.
     */
    private static Tensor detachKeepingTangent(Tensor g) {
        Tensor tangent = ForwardAD.isActive() ? ForwardAD.tangentOf(g) : null;
        Tensor d = g.detach();
        if (tangent != null) ForwardAD.setTangent(d, tangent);
        return d;
    }

    /** Runs one node with its hooks; returns the gradients for its edges. */
    private static Tensor[] call(Node node, Tensor[] in, boolean accumulate, boolean keepGraph,
                                 Map<Node, List<int[]>> captures, GradOwnership own) {
        for (int i = 0; i < in.length; i++) {
            if (in[i] == null) continue;
            List<UnaryOperator<Tensor>> hooks = node.tensorHooks(i);
            if (own != null && (!hooks.isEmpty() || node.retainGradTarget(i) != null)) own.release(in[i]);
            for (UnaryOperator<Tensor> hook : hooks) {
                Tensor r = hook.apply(in[i]);
                if (r != null) {
                    if (!Arrays.equals(r.shape(), in[i].shape())) {
                        throw new IllegalStateException("hook '" + hookName(hook) + "' has changed the size of value");
                    }
                    in[i] = r;
                }
            }
            Tensor keep = node.retainGradTarget(i);
            if (keep != null) keep.retainGradAccumulate(in[i]);
        }
        for (var hook : node.preHooks()) {
            if (own != null) for (Tensor t : in) own.release(t);
            Tensor[] r = hook.apply(in);
            if (r != null) in = r;
        }
        if (own != null) own.beforeApply();
        Tensor[] out;
        if (node instanceof AccumulateGrad acc) {
            // autograd.grad captures leaf gradients instead of accumulating them; backward(inputs=...) accumulates
            // only into the listed leaves, which are exactly the captured nodes.
            boolean accumulateHere = accumulate && (captures == null || captures.containsKey(node));
            boolean owned = own != null && in.length > 0 && in[0] != null && own.owns(in[0]);
            out = accumulateHere ? acc.apply(in, owned) : new Tensor[0];
        } else if (Anomaly.isEnabled()) {
            // PyTorch's anomaly guard: any error inside the node (a NaN, a modified saved tensor) is preceded by
            // the warning that shows where the node was created.
            try {
                out = node.apply(in);
                if (Anomaly.checksNan()) checkNan(node, out);
            } catch (RuntimeException e) {
                dev.autograd4j.Warnings.warn(Anomaly.errorWarning(node));
                throw e;
            }
        } else {
            out = node.apply(in);
        }
        for (var hook : node.postHooks()) {
            Tensor[] r = hook.apply(out, in);
            if (r != null) out = r;
        }
        if (own != null) own.afterApply(node, in, out);
        if (!keepGraph) node.releaseVariables();
        return out;
    }

    private static void checkNan(Node node, Tensor[] out) {
        for (int i = 0; i < out.length; i++) {
            if (out[i] != null && out[i].dtype().isFloatingPoint() && out[i].isnan().any()) {
                IllegalStateException ex = new IllegalStateException("Function '" + node.name()
                        + "' returned nan values in its " + i + "th output.");
                if (node.forwardTrace != null) ex.addSuppressed(node.forwardTrace);
                throw ex;
            }
        }
    }

    /**
     * Marks the nodes that must run: a captured leaf's AccumulateGrad, and every node from which one of those
     * or another needed node is reachable. A captured non-leaf node runs only when targets lie further back.
     */
    private static Map<Node, Boolean> neededNodes(List<Node> discovered, Map<Node, int[]> deps,
                                                  Map<Node, List<int[]>> captures) {
        // Kahn order over a copy of the dependency counts, then a sweep from the leaves back to the roots.
        Map<Node, int[]> d = new IdentityHashMap<>();
        for (Node n : discovered) d.put(n, new int[]{deps.get(n)[0]});
        ArrayDeque<Node> q = new ArrayDeque<>();
        for (Node n : discovered) if (d.get(n)[0] == 0) q.add(n);
        List<Node> order = new ArrayList<>(discovered.size());
        while (!q.isEmpty()) {
            Node n = q.poll();
            order.add(n);
            for (Edge e : n.edges()) {
                int[] c = e.node() == null ? null : d.get(e.node());
                if (c != null && --c[0] == 0) q.add(e.node());
            }
        }
        Map<Node, Boolean> needed = new IdentityHashMap<>();
        Map<Node, Boolean> reachesTarget = new IdentityHashMap<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            Node n = order.get(i);
            boolean target = captures.containsKey(n);
            boolean feedsTarget = false; // one of its inputs leads to a captured node, so n must run
            for (Edge e : n.edges()) {
                if (e.node() != null && reachesTarget.get(e.node()) == Boolean.TRUE) {
                    feedsTarget = true;
                    break;
                }
            }
            needed.put(n, feedsTarget || (target && n instanceof AccumulateGrad));
            reachesTarget.put(n, feedsTarget || target);
        }
        return needed;
    }

    private static int byPriority(Node a, Node b) {
        long pa = a instanceof AccumulateGrad ? Long.MAX_VALUE : a.sequenceNr;
        long pb = b instanceof AccumulateGrad ? Long.MAX_VALUE : b.sequenceNr;
        return Long.compare(pb, pa);
    }

    private static String hookName(Object hook) {
        Class<?> c = hook.getClass();
        return c.isSynthetic() || c.isHidden() ? "<lambda>" : c.getSimpleName();
    }
}
