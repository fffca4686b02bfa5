package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Draws the recorded graph behind a tensor (like torchviz's {@code make_dot}): the tensor in green, one box per
 * backward node by PyTorch name, each leaf in blue with its name (when given) and shape, and an edge from every
 * input to the node that consumes it. Text comes out as Graphviz DOT or Mermaid; SVG needs the {@code dot} program.
 * The walk is iterative, so a graph of any depth can be drawn.
 *
 * <pre>{@code
 * String dot = GraphViz.toDot(loss, Map.of(w, "w", b, "b"));
 * }</pre>
 */
public final class GraphViz {
    private GraphViz() {}

    /** The graph as DOT text: {@code Files.writeString(Path.of("g.dot"), GraphViz.toDot(y))}. */
    public static String toDot(Tensor root) { return toDot(root, Map.of()); }

    /** The graph as DOT text, leaves labelled with the given names: {@code GraphViz.toDot(y, Map.of(x, "x"))}. */
    public static String toDot(Tensor root, Map<Tensor, String> names) { return toDot(root, names, false); }

    /**
     * The graph as DOT text, with {@code showSaved} also each tensor a node saved for its backward, in orange and
     * joined to the node by an undirected edge (torchviz's {@code show_saved=True}):
     * {@code GraphViz.toDot(y, Map.of(x, "x"), true)}.
     */
    public static String toDot(Tensor root, Map<Tensor, String> names, boolean showSaved) {
        StringBuilder b = new StringBuilder();
        b.append("digraph {\n");
        b.append("\tgraph [size=\"12,12\"]\n");
        b.append("\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n");
        walk(root, names, showSaved, new Sink() {
            @Override public void tensor(String id, String label, boolean isRoot) {
                b.append('\t').append(id).append(" [label=").append(quote(label)).append(" fillcolor=")
                        .append(isRoot ? "darkolivegreen1" : "lightblue").append("]\n");
            }
            @Override public void saved(String nodeId, String savedId, String label, boolean fresh) {
                if (fresh) b.append('\t').append(savedId).append(" [label=").append(quote(label)).append(" fillcolor=orange]\n");
                b.append('\t').append(nodeId).append(" -> ").append(savedId).append(" [dir=none]\n");
            }
            @Override public void node(String id, String label) {
                b.append('\t').append(id).append(" [label=").append(quote(label)).append("]\n");
            }
            @Override public void edge(String from, String to) {
                b.append('\t').append(from).append(" -> ").append(to).append('\n');
            }
        });
        return b.append("}\n").toString();
    }

    /** The graph as a Mermaid flowchart: {@code GraphViz.toMermaid(y)}. */
    public static String toMermaid(Tensor root) { return toMermaid(root, Map.of()); }

    /** The graph as a Mermaid flowchart with named leaves: {@code GraphViz.toMermaid(y, Map.of(x, "x"))}. */
    public static String toMermaid(Tensor root, Map<Tensor, String> names) {
        StringBuilder b = new StringBuilder("flowchart BT\n");
        walk(root, names, false, new Sink() {
            @Override public void tensor(String id, String label, boolean isRoot) {
                b.append("    ").append(id).append("[\"").append(mermaidText(label)).append("\"]\n");
                b.append("    style ").append(id).append(" fill:").append(isRoot ? "#caff70" : "#add8e6").append('\n');
            }
            @Override public void node(String id, String label) {
                b.append("    ").append(id).append("[\"").append(mermaidText(label)).append("\"]\n");
            }
            @Override public void edge(String from, String to) {
                b.append("    ").append(from).append(" --> ").append(to).append('\n');
            }
        });
        return b.toString();
    }

    /**
     * The graph rendered to SVG by the Graphviz {@code dot} program (Debian package graphviz):
     * {@code Files.writeString(Path.of("g.svg"), GraphViz.toSvg(y))}.
     *
     * @throws IllegalStateException when {@code dot} is not installed or fails
     */
    public static String toSvg(Tensor root) { return toSvg(root, Map.of(), false); }

    /**
     * The graph with named leaves (and, with {@code showSaved}, the saved tensors) rendered to SVG by {@code dot}:
     * {@code GraphViz.toSvg(loss, Map.of(w, "w"), true)}.
     *
     * @throws IllegalStateException when {@code dot} is not installed or fails
     */
    public static String toSvg(Tensor root, Map<Tensor, String> names, boolean showSaved) {
        String dot = toDot(root, names, showSaved);
        Process p;
        try {
            p = new ProcessBuilder("dot", "-Tsvg").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("GraphViz.toSvg needs the Graphviz 'dot' program on the PATH "
                    + "(Debian/Ubuntu: apt-get install graphviz): " + e.getMessage(), e);
        }
        try (OutputStream in = p.getOutputStream()) {
            // Write from another thread so a large graph cannot deadlock against dot's full output pipe.
            Thread writer = Thread.ofVirtual().start(() -> {
                try { in.write(dot.getBytes(StandardCharsets.UTF_8)); in.close(); } catch (IOException ignored) { }
            });
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream o = p.getInputStream()) { o.transferTo(out); }
            writer.join();
            int rc = p.waitFor();
            String text = out.toString(StandardCharsets.UTF_8);
            if (rc != 0) throw new IllegalStateException("dot -Tsvg failed with exit code " + rc + ": " + text);
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("dot -Tsvg failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dot", e);
        }
    }

    private interface Sink {
        void tensor(String id, String label, boolean isRoot);
        void node(String id, String label);
        void edge(String from, String to);
        /** A tensor saved by node {@code nodeId}; {@code fresh} when it has no box yet. */
        default void saved(String nodeId, String savedId, String label, boolean fresh) {}
    }

    /** Depth-first over the nodes with an explicit stack; ids are n0, n1, ... in discovery order. */
    private static void walk(Tensor root, Map<Tensor, String> names, boolean showSaved, Sink sink) {
        Map<Object, String> ids = new IdentityHashMap<>();
        Map<Tensor, String> byIdentity = new IdentityHashMap<>(names);
        String rootId = id(ids, root);
        sink.tensor(rootId, label(root, byIdentity), true);
        Node fn = root.gradFn();
        if (fn == null) return;
        ArrayDeque<Node> stack = new ArrayDeque<>();
        sink.node(id(ids, fn), fn.name());
        sink.edge(ids.get(fn), rootId);
        stack.push(fn);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            String nid = ids.get(n);
            if (showSaved && n instanceof OpNode op) {
                for (Map.Entry<String, Tensor> s : op.savedForDisplay().entrySet()) {
                    Tensor t = s.getValue();
                    boolean fresh = !ids.containsKey(t);
                    String sid = id(ids, t);
                    // a saved leaf is drawn as the leaf it is (blue, named), so its AccumulateGrad finds that box
                    boolean leaf = t.isLeaf() && t.requiresGrad();
                    if (fresh && leaf) sink.tensor(sid, label(t, byIdentity), false);
                    sink.saved(nid, sid, s.getKey() + "\n " + tuple(t.shape()), fresh && !leaf);
                }
            }
            if (n instanceof AccumulateGrad acc) {
                Tensor v = acc.variable();
                boolean fresh = !ids.containsKey(v);
                String vid = id(ids, v);
                if (fresh) sink.tensor(vid, label(v, byIdentity), false);
                sink.edge(vid, nid);
            }
            for (Edge e : n.edges()) {
                Node m = e.node();
                if (m == null) continue;
                boolean fresh = !ids.containsKey(m);
                String mid = id(ids, m);
                if (fresh) {
                    sink.node(mid, m.name());
                    stack.push(m);
                }
                sink.edge(mid, nid);
            }
        }
    }

    private static String id(Map<Object, String> ids, Object o) {
        return ids.computeIfAbsent(o, k -> "n" + ids.size());
    }

    /** torchviz's variable label: the name (if any), a newline, then the shape. */
    private static String label(Tensor t, Map<Tensor, String> names) {
        String name = names.getOrDefault(t, "");
        return name + "\n " + tuple(t.shape());
    }

    /** torchviz's size_to_str: "(2, 3)", and "(3)" for one dim (no Python tuple comma). */
    private static String tuple(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) b.append(", ");
            b.append(shape[i]);
        }
        return b.append(')').toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static String mermaidText(String s) {
        return s.replace("\"", "#quot;").replace("\n", "<br/>");
    }
}
