package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;

import java.util.List;

/**
 * What {@link Functional#vjp}, {@code jvp}, {@code hvp} and {@code vhp} return: the function's outputs and the
 * product, one tensor per output (jvp) or per input (vjp, hvp, vhp), like PyTorch's 2-tuple.
 *
 * <pre>{@code
 * VjpResult r = Functional.vjp(t -> t.pow(2), x, v);
 * r.output();    // f(x)
 * r.product();   // v^T J
 * }</pre>
 */
public record VjpResult(List<Tensor> outputs, List<Tensor> products) {
    /** Copies the lists (entries are never null). */
    public VjpResult {
        outputs = List.copyOf(outputs);
        products = List.copyOf(products);
    }

    /** The single output of a one-output function: {@code r.output()}. */
    public Tensor output() { return only(outputs, "outputs"); }

    /** The single product tensor (one-input vjp/hvp/vhp, one-output jvp): {@code r.product()}. */
    public Tensor product() { return only(products, "products"); }

    private static Tensor only(List<Tensor> ts, String what) {
        if (ts.size() != 1) throw new IllegalStateException("this result has " + ts.size() + " " + what + "; use " + what + "()");
        return ts.get(0);
    }
}
