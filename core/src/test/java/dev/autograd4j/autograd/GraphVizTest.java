package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphVizTest {
    private static final String HEADER = "digraph {\n\tgraph [size=\"12,12\"]\n"
            + "\tnode [align=left fontname=monospace fontsize=10 height=0.2 ranksep=0.1 shape=box style=filled]\n";

    @Test
    void smallGraphHasTheRootTheNodesTheNamedLeavesAndTheirEdges() {
        Tensor x = Tensor.ones(2, 3).requiresGrad_();
        Tensor w = Tensor.ones(3).requiresGrad_();
        Tensor y = x.mul(w).sum();
        String dot = GraphViz.toDot(y, Map.of(x, "x", w, "w"));
        assertEquals(HEADER
                + "\tn0 [label=\"\\n ()\" fillcolor=darkolivegreen1]\n"
                + "\tn1 [label=\"SumBackward0\"]\n"
                + "\tn1 -> n0\n"
                + "\tn2 [label=\"MulBackward0\"]\n"
                + "\tn2 -> n1\n"
                + "\tn3 [label=\"AccumulateGrad\"]\n"
                + "\tn3 -> n2\n"
                + "\tn4 [label=\"AccumulateGrad\"]\n"
                + "\tn4 -> n2\n"
                + "\tn5 [label=\"w\\n (3)\" fillcolor=lightblue]\n"
                + "\tn5 -> n4\n"
                + "\tn6 [label=\"x\\n (2, 3)\" fillcolor=lightblue]\n"
                + "\tn6 -> n3\n"
                + "}\n", dot);
    }

    @Test
    void savedTensorsAreOrangeBoxesJoinedToTheirNodeWhenAskedFor() {
        Tensor x = Tensor.ones(2, 3).requiresGrad_();
        Tensor w = Tensor.ones(3).requiresGrad_();
        Tensor y = x.exp().mul(w).sum();
        String dot = GraphViz.toDot(y, Map.of(x, "x", w, "w"), true);
        // MulBackward0 saved self (exp's result, which ExpBackward0 saved too: one box, two edges) and other (the
        // leaf w, drawn as the leaf, whose AccumulateGrad then points from that box); SumBackward0 saves nothing.
        assertEquals(HEADER
                + "\tn0 [label=\"\\n ()\" fillcolor=darkolivegreen1]\n"
                + "\tn1 [label=\"SumBackward0\"]\n"
                + "\tn1 -> n0\n"
                + "\tn2 [label=\"MulBackward0\"]\n"
                + "\tn2 -> n1\n"
                + "\tn3 [label=\"self\\n (2, 3)\" fillcolor=orange]\n"
                + "\tn2 -> n3 [dir=none]\n"
                + "\tn4 [label=\"w\\n (3)\" fillcolor=lightblue]\n"
                + "\tn2 -> n4 [dir=none]\n"
                + "\tn5 [label=\"ExpBackward0\"]\n"
                + "\tn5 -> n2\n"
                + "\tn6 [label=\"AccumulateGrad\"]\n"
                + "\tn6 -> n2\n"
                + "\tn4 -> n6\n"
                + "\tn5 -> n3 [dir=none]\n"
                + "\tn7 [label=\"AccumulateGrad\"]\n"
                + "\tn7 -> n5\n"
                + "\tn8 [label=\"x\\n (2, 3)\" fillcolor=lightblue]\n"
                + "\tn8 -> n7\n"
                + "}\n", dot);
        assertEquals(GraphViz.toDot(y, Map.of(x, "x", w, "w")), GraphViz.toDot(y, Map.of(x, "x", w, "w"), false));
        y.backward();   // frees the saved tensors: nothing left to show
        assertTrue(!GraphViz.toDot(y, Map.of(), true).contains("orange"));
    }

    @Test
    void aTensorUsedTwiceGetsOneBoxAndTwoEdges() {
        Tensor x = Tensor.ones(2).requiresGrad_();
        String dot = GraphViz.toDot(x.mul(x));
        assertEquals(1, count(dot, "[label=\"AccumulateGrad\"]"));
        assertEquals(2, count(dot, "\tn2 -> n1\n"));
    }

    @Test
    void aLeafWithoutGraphIsJustItsBox() {
        assertEquals(HEADER + "\tn0 [label=\"\\n (2)\" fillcolor=darkolivegreen1]\n}\n", GraphViz.toDot(Tensor.ones(2)));
    }

    @Test
    void mermaidHasTheSameNodesAndEdges() {
        Tensor x = Tensor.ones(2).requiresGrad_();
        String m = GraphViz.toMermaid(x.exp(), Map.of(x, "x"));
        assertEquals("flowchart BT\n"
                + "    n0[\"<br/> (2)\"]\n"
                + "    style n0 fill:#caff70\n"
                + "    n1[\"ExpBackward0\"]\n"
                + "    n1 --> n0\n"
                + "    n2[\"AccumulateGrad\"]\n"
                + "    n2 --> n1\n"
                + "    n3[\"x<br/> (2)\"]\n"
                + "    style n3 fill:#add8e6\n"
                + "    n3 --> n2\n", m);
    }

    @Test
    void aHundredThousandOpChainIsDrawnWithoutRecursion() {
        Tensor x = Tensor.ones(1).requiresGrad_();
        Tensor z = x;
        for (int i = 0; i < 100_000; i++) z = z.add(1.0);
        String dot = GraphViz.toDot(z);
        assertEquals(100_000, count(dot, "[label=\"AddBackward0\"]"));
        // node to root, 99,999 between the AddBackward0 nodes, AccumulateGrad to the first, the leaf to AccumulateGrad
        assertEquals(100_000 + 2, count(dot, " -> "));
        assertTrue(dot.endsWith("}\n"));
        String mermaid = GraphViz.toMermaid(z);
        assertEquals(100_000 + 2, count(mermaid, " --> "));
    }

    @Test
    void svgNeedsTheDotProgram() {
        Tensor y = Tensor.ones(2).requiresGrad_().exp();
        if (onPath("dot")) {
            assertTrue(GraphViz.toSvg(y).contains("<svg"));
            String svg = GraphViz.toSvg(y.sin(), Map.of(), true);   // SinBackward0 saved exp's result as self
            assertTrue(svg.contains("<svg") && svg.contains("SinBackward0") && svg.contains(">self</text>"), svg);
        } else {
            var e = assertThrows(IllegalStateException.class, () -> GraphViz.toSvg(y));
            assertTrue(e.getMessage().startsWith("GraphViz.toSvg needs the Graphviz 'dot' program on the PATH"), e.getMessage());
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) return true;
        }
        return false;
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + part.length())) n++;
        return n;
    }
}
