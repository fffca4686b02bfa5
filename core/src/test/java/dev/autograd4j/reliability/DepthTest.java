package dev.autograd4j.reliability;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Edge;
import dev.autograd4j.autograd.Function;
import dev.autograd4j.autograd.FunctionCtx;
import dev.autograd4j.autograd.GraphViz;
import dev.autograd4j.autograd.Node;
import dev.autograd4j.nn.F;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Graph depth never turns into Java stack depth: forward, backward, printing and export of very deep graphs.
 *
 * <p>"Default stack": surefire runs with {@code -Xss1m}, which is also HotSpot's default thread stack on 64-bit
 * Linux (ThreadStackSize=1024K). To show the engine does not merely fit inside that, the deep work runs on a thread
 * with a quarter of it (256 KiB): a recursion of even one small frame per node would overflow well before
 * 100,000 levels.
 */
class DepthTest {
    private static final long SMALL_STACK = 256 * 1024;

    /** Runs {@code body} on a fresh thread with a 256 KiB stack and rethrows whatever it threw. */
    static void onSmallStack(Runnable body) throws Throwable {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "depth-test", SMALL_STACK);
        t.start();
        t.join();
        if (failure.get() != null) throw failure.get();
    }

    @Test
    void aMillionOpChainForwardAndBackwardOnAQuarterOfTheDefaultStack() throws Throwable {
        onSmallStack(() -> {
            Tensor x = Tensor.of(0.5f).requiresGrad_();
            Tensor y = x;
            for (int i = 0; i < 1_000_000; i++) y = i % 2 == 0 ? y.mul(1.0) : y.add(0.0);
            assertEquals(1_000_000, chainLength(y.gradFn()));
            y.sum().backward();
            assertEquals(1.0, x.grad().item());
            assertEquals(0.5, y.item());
        });
    }

    @Test
    void aHundredThousandNestedNamedCompositesEachReenteringTheEngine() throws Throwable {
        // Every L1LossBackward0 runs autograd.grad through its own recorded composite during the outer backward.
        onSmallStack(() -> {
            Tensor x = Tensor.of(0.25f).requiresGrad_();
            Tensor zero = Tensor.scalar(0.0);
            Tensor y = x.sum();
            for (int i = 0; i < 100_000; i++) y = F.l1Loss(y, zero);
            assertEquals("L1LossBackward0", y.gradFn().name());
            y.backward();
            assertEquals(1.0, x.grad().item());
            assertEquals(0.25, y.item());
        });
    }

    /** A user Function {@code x²} whose backward uses its saved input, so createGraph records a graph. */
    static final class Square extends Function {
        @Override
        protected Tensor forward(FunctionCtx ctx, Tensor... in) {
            ctx.saveForBackward(in[0]);
            return in[0].mul(in[0]);
        }

        @Override
        protected Tensor[] backward(FunctionCtx ctx, Tensor... g) {
            return new Tensor[]{g[0].mul(ctx.savedTensors().get(0)).mul(2)};
        }
    }

    @Test
    void aHundredThousandLevelsOfCustomFunctionsBackwardWithCreateGraph() throws Throwable {
        onSmallStack(() -> {
            Tensor x = Tensor.scalar(1.5, dev.autograd4j.DType.FLOAT64).requiresGrad_();
            Tensor y = x;
            // square then square root: the value stays exactly 1.5 while 200,000 nodes pile up
            for (int i = 0; i < 100_000; i++) y = new Square().apply(y).sqrt();
            assertEquals(1.5, y.item());
            Tensor g = dev.autograd4j.autograd.Autograd.grad(java.util.List.of(y), java.util.List.of(x),
                    null, false, true, false).get(0);
            assertEquals(1.0, g.item());
            assertNotNull(g.gradFn(), "createGraph keeps a graph for the gradient, itself 100,000+ nodes deep");
            // and that gradient graph is again deep and goes backward without recursion
            Tensor gg = dev.autograd4j.autograd.Autograd.grad(java.util.List.of(g.add(x)), java.util.List.of(x)).get(0);
            assertEquals(1.0, gg.item(), 1e-9);
        });
    }

    @Test
    void printingHashingAndExportingADeepGraphDoNotRecurse() throws Throwable {
        onSmallStack(() -> {
            Tensor x = Tensor.of(1f, 2f).requiresGrad_();
            Tensor y = x;
            for (int i = 0; i < 200_000; i++) y = y.add(1.0);
            String s = y.toString();
            assertTrue(s.endsWith("grad_fn=<AddBackward0>)"), s);
            Node n = y.gradFn();
            assertTrue(n.toString().startsWith("<AddBackward0 object at 0x"));
            assertEquals(System.identityHashCode(n), n.hashCode());
            assertEquals(n, n);
            assertNotEquals(n, n.nextFunctions().get(0).node());
            Edge e = n.nextFunctions().get(0);
            assertEquals(new Edge(e.node(), e.inputNr()), e);
            assertEquals(new Edge(e.node(), e.inputNr()).hashCode(), e.hashCode());
            assertTrue(n.nextFunctions().toString().startsWith("[(<AddBackward0 object at"));
            assertEquals(System.identityHashCode(y), y.hashCode());
            assertNotEquals(y, y.detach());
            String dot = GraphViz.toDot(y);
            assertEquals(200_000, dot.split("AddBackward0", -1).length - 1);
            String mermaid = GraphViz.toMermaid(y);
            assertEquals(200_000, mermaid.split("AddBackward0", -1).length - 1);
        });
    }

    /** The number of non-leaf nodes on the first-input path, walked without recursion. */
    private static int chainLength(Node n) {
        int k = 0;
        while (n != null && !n.name().equals("AccumulateGrad")) {
            k++;
            n = n.nextFunctions().get(0).node();
        }
        return k;
    }
}
