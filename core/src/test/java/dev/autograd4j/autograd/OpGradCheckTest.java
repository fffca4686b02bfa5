package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import dev.autograd4j.kernel.Kernels.UnaryOp;
import dev.autograd4j.ops.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every primitive op passes gradcheck and gradgradcheck in float64 (issue 4, ARCHITECTURE test rule 1), and the table
 * of {@link OpSpecs} leaves no {@link Op} record, {@link UnaryOp} or {@link Op.ScalarKind} untested.
 */
class OpGradCheckTest {

    static List<OpSpecs.OpSpec> specs() { return OpSpecs.all(); }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void everyOpPassesGradcheckAndGradgradcheck(OpSpecs.OpSpec spec) {
        Tensor.manualSeed(7);
        List<Tensor> inputs = spec.inputs(spec.name().hashCode());
        assertTrue(GradCheck.gradcheck(spec.fn(), inputs), spec.name());
        assertTrue(GradCheck.gradgradcheck(spec.fn(), inputs), spec.name());
    }

    @Test
    void everyOpRecordUnaryKindAndScalarKindHasASpec() {
        List<String> missing = missing(OpSpecs.all());
        assertEquals(List.of(), missing, "ops without a gradcheck spec");
    }

    @Test
    void theCompletenessCheckNoticesARemovedSpec() {
        List<OpSpecs.OpSpec> fewer = new ArrayList<>(OpSpecs.all());
        fewer.removeIf(s -> s.name().equals("atan2") || s.name().equals("unary erf") || s.name().equals("rpow scalar")
                || s.name().startsWith("pad constant"));
        assertEquals(List.of("Atan2", "ConstantPad", "ScalarKind.RPOW", "UnaryOp.ERF"), missing(fewer));
    }

    /** The names of the ops no spec's recorded graph contains (what each spec really runs, not what it claims). */
    static List<String> missing(List<OpSpecs.OpSpec> specs) {
        Set<String> wanted = new LinkedHashSet<>();
        for (Class<?> c : records(Op.class)) wanted.add(c.getSimpleName());
        for (UnaryOp u : UnaryOp.values()) wanted.add("UnaryOp." + u.name());
        for (Op.ScalarKind k : Op.ScalarKind.values()) wanted.add("ScalarKind." + k.name());
        Set<String> seen = new TreeSet<>();
        for (OpSpecs.OpSpec spec : specs) {
            Tensor out = spec.fn().apply(spec.inputs(1));
            for (Op op : opsIn(out)) {
                seen.add(op.getClass().getSimpleName());
                if (op instanceof Op.Unary u) seen.add("UnaryOp." + u.fn().name());
                if (op instanceof Op.Scalar s) seen.add("ScalarKind." + s.kind().name());
            }
        }
        List<String> r = new ArrayList<>();
        for (String w : wanted) if (!seen.contains(w)) r.add(w);
        Collections.sort(r);
        return r;
    }

    /** The permitted record classes of a sealed type, recursing into sealed sub-interfaces such as Op.ViewOp. */
    static List<Class<?>> records(Class<?> sealed) {
        List<Class<?>> r = new ArrayList<>();
        for (Class<?> c : sealed.getPermittedSubclasses()) {
            if (c.isSealed()) r.addAll(records(c));
            else r.add(c);
        }
        return r;
    }

    /** Every op recorded in the graph behind {@code out}, reached through its edges. */
    static List<Op> opsIn(Tensor out) {
        List<Op> ops = new ArrayList<>();
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> todo = new ArrayDeque<>();
        if (out.gradFn() != null) todo.push(out.gradFn());
        while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) continue;
            if (n instanceof OpNode o) ops.add(o.op());
            for (Edge e : n.nextFunctions()) if (e.node() != null) todo.push(e.node());
        }
        return ops;
    }
}
