package dev.autograd4j.examples;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import dev.autograd4j.autograd.Node;
import dev.autograd4j.nn.Linear;
import dev.autograd4j.nn.Module;
import dev.autograd4j.nn.ReLU;
import dev.autograd4j.optim.SGD;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Every example of the five autograd tutorials this project was born from, in order, ported line by line and
 * printing what PyTorch prints. Each section is one spec case ({@code /shared/spec/cases/NN_*.py}): a header line
 * {@code === NN title ===}, then the case's own output lines, with the same labels as the Python program.
 *
 * <p>Run it with {@code mvn -q -pl examples exec:exec -Ddemo.main=dev.autograd4j.examples.Walkthrough}.
 */
public final class Walkthrough {
    private final PrintStream out;
    private final Py py;

    private Walkthrough(PrintStream out) {
        this.out = out;
        this.py = new Py(out);
    }

    /** Prints the walkthrough to standard output: {@code Walkthrough.main(new String[0])}. */
    public static void main(String[] args) {
        run(System.out);
    }

    /** Prints every section to {@code out}, in the tutorials' order: {@code Walkthrough.run(System.out)}. */
    public static void run(PrintStream out) {
        Walkthrough w = new Walkthrough(out);
        w.section("05", "x = 4, y = x**2, dy/dx = 2x = 8", w::squareAtFour);
        w.section("06", "partial derivatives of z = x**2 + y**2", w::partials);
        w.section("07", "the chain rule: z = (2x**2)**2, dz/dx = 1024", w::chainRule);
        w.section("08", "retain_grad on a non-leaf", w::retainGrad);
        w.section("09", "the Variable-era example: ((a + 2)**2).sum()", w::variableEra);
        w.section("10", "backward with a gradient vector (vector-Jacobian product)", w::gradientVector);
        w.section("17", "grad_fn and next_functions over sin(linspace(0, 2pi, 25))", w::sinLinspace);
        w.section("19", "no_grad as a scope and as a wrapped function", w::noGrad);
        w.section("20", "enable_grad and set_grad_enabled", w::enableGrad);
        w.section("22", "detach", w::detach);
        w.section("23", "toggling requires_grad", w::requiresGradToggle);
        w.section("24", "non-differentiable ops and argmax's error", w::nonDifferentiable);
        w.section("25", "in-place operations on a leaf", w::inplaceOnLeaf);
        w.section("44", "TinyModel and one SGD step (Java's RNG, so other weights than torch's)", w::tinyModel);
    }

    private void section(String id, String title, Runnable body) {
        if (!"05".equals(id)) out.println();
        out.println("=== " + id + " " + title + " ===");
        body.run();
    }

    // 05: x = torch.tensor(4.0, requires_grad=True); y = x ** 2; y.backward()
    private void squareAtFour() {
        Tensor x = Tensor.scalar(4.0).requiresGrad_();
        Tensor y = x.pow(2);
        py.print("x:", x);
        py.print("y:", y);
        y.backward();
        py.print("x.grad:", x.grad());
        py.print("x.grad.item():", x.grad().item());
    }

    // 06: z = x**2 + y**2 at x = 4, y = 2; then the same through torch.autograd.grad, which leaves .grad alone
    private void partials() {
        Tensor x = Tensor.scalar(4.0).requiresGrad_();
        Tensor y = Tensor.scalar(2.0).requiresGrad_();
        Tensor z = x.pow(2).add(y.pow(2));
        py.print("z:", z);
        z.backward();
        py.print("dz/dx:", x.grad());
        py.print("dz/dy:", y.grad());
        Tensor x2 = Tensor.scalar(4.0).requiresGrad_();
        Tensor y2 = Tensor.scalar(2.0).requiresGrad_();
        List<Tensor> g = Autograd.grad(List.of(x2.pow(2).add(y2.pow(2))), List.of(x2, y2));
        py.print("autograd.grad:", Py.tuple(g), " x2.grad:", x2.grad());
    }

    // 07: y = 2 * x**2, z = y**2 = 4x^4, dz/dx = 16x^3 = 1024 at x = 4; y is not a leaf, so its .grad warns
    private void chainRule() {
        Tensor x = Tensor.scalar(4.0).requiresGrad_();
        Tensor y = x.pow(2).mul(2);
        Tensor z = y.pow(2);
        py.print("y:", y);
        py.print("z:", z);
        z.backward();
        py.print("x.grad:", x.grad());
        py.print("y.grad (non-leaf, not retained):", py.caughtWarnings(y::grad));
    }

    // 08: retain_grad fills a non-leaf's .grad: y = 2x, z = 3y gives dz/dy = 3, dz/dx = 6
    private void retainGrad() {
        Tensor x = Tensor.scalar(1.0).requiresGrad_();
        Tensor y = x.mul(2);
        y.retainGrad();
        Tensor z = y.mul(3);
        z.backward();
        py.print("x.grad:", x.grad());
        py.print("y.grad:", y.grad());
        py.print("y.retains_grad:", y.retainsGrad(), " x.retains_grad:", x.retainsGrad(),
                " z.retains_grad:", z.retainsGrad());
        // the variant: x = 3, y = x**2 (retained), backward from y gives y.grad = 1, x.grad = 2x = 6
        x = Tensor.scalar(3.0).requiresGrad_();
        y = x.pow(2);
        y.retainGrad();
        y.backward();
        py.print("variant x.grad:", x.grad(), " y.grad:", y.grad());
        // retained non-leaf grads accumulate over backward calls, as leaf grads do
        Tensor a = Tensor.of(1f, 2f).requiresGrad_();
        Tensor b = a.mul(3);
        b.retainGrad();
        b.sum().backward(null, true, false);
        b.sum().backward();
        py.print("accumulated b.grad:", b.grad(), " a.grad:", a.grad());
    }

    // 09: Variable(t, requires_grad=True) has been a plain tensor since PyTorch 0.4; Java never had the wrapper
    private void variableEra() {
        Tensor a = Tensor.ones(2, 2).requiresGrad_();
        py.print(a.getClass(), a);
        Tensor sum = a.add(2).pow(2).sum();
        py.print(sum);
        sum.backward();
        py.print(a.grad());                       // d/da (a + 2)^2 = 2(a + 2) = 6
        // the 60-minute blitz: o = mean(3 (x + 2)^2) gives 4.5
        Tensor x = Tensor.ones(2, 2).requiresGrad_();
        Tensor y = x.add(2);
        Tensor z = y.mul(y).mul(3);
        Tensor o = z.mean();
        py.print(y);
        py.print(z, o);
        o.backward();
        py.print(x.grad());
        py.print("a.data:", a.data(), "requires_grad:", a.data().requiresGrad());
    }

    // 10: backward(v) computes v^T J; the intermediate y = x + 2 is what gives [0.6, 6, 60]
    private void gradientVector() {
        Tensor x = Tensor.ones(3).requiresGrad_();
        Tensor y = x.add(2);
        Tensor z = y.pow(2).add(3);
        py.print("z:", z);
        z.backward(Tensor.of(0.1f, 1f, 10f));
        py.print("x.grad:", x.grad());
        // with literally z = x**2 + 3 the derivative at x = 1 is 2: [0.2, 2, 20], whatever some write-ups say
        x = Tensor.ones(3).requiresGrad_();
        z = x.pow(2).add(3);
        z.backward(Tensor.of(0.1f, 1f, 10f));
        py.print("z = x**2 + 3 variant, x.grad:", x.grad());
        // a gradient of ones gives the same as .sum().backward()
        x = Tensor.of(1f, 2f, 3f).requiresGrad_();
        x.mul(x).backward(Tensor.onesLike(x));
        py.print("ones_like gradient:", x.grad());
        // the blitz: Q = 3a^3 - b^2 with external_grad = ones
        Tensor a = Tensor.of(2f, 3f).requiresGrad_();
        Tensor b = Tensor.of(6f, 4f).requiresGrad_();
        Tensor q = a.pow(3).mul(3).sub(b.pow(2));
        q.backward(Tensor.of(1f, 1f));
        py.print("Q:", q);
        py.print("a.grad == 9a^2:", a.grad(), a.pow(2).mul(9).eq(a.grad()).toBooleanArray());
        py.print("b.grad == -2b:", b.grad(), b.mul(-2).eq(b.grad()).toBooleanArray());
    }

    // 17: "Fundamentals of Autograd": d/da sum(2 sin(a) + 1) = 2 cos(a), and the graph behind it
    private void sinLinspace() {
        Tensor a = Tensor.linspace(0, 2 * Math.PI, 25).requiresGrad_();
        py.print(a);
        Tensor b = a.sin();
        py.print(b);
        Tensor c = b.mul(2);
        py.print(c);
        Tensor d = c.add(1);
        py.print(d);
        Tensor sum = d.sum();
        py.print(sum);
        py.print("d:");
        Node node = d.gradFn();
        py.print(Py.noaddr(node));
        // walk the first input of each node back to the leaf's AccumulateGrad, which has no inputs
        for (int depth = 0; depth < 4; depth++) {
            py.print(Py.noaddr(Py.tuple(node.nextFunctions())));
            if (depth < 3) node = node.nextFunctions().get(0).node();
        }
        py.print("\nc:");
        py.print(Py.noaddr(c.gradFn()));
        py.print("\nb:");
        py.print(Py.noaddr(b.gradFn()));
        py.print("\na:");
        py.print(a.gradFn());
        sum.backward();
        py.print(a.grad());
        py.print("max |a.grad - 2cos(a)|:", a.grad().sub(a.detach().cos().mul(2)).abs().max().item());
        py.print("c.grad:", py.caughtWarnings(c::grad));
    }

    // 19: torch.no_grad() as a context manager is a try-with-resources scope; as a decorator, Autograd.noGrad(Supplier)
    private void noGrad() {
        Tensor a = Tensor.ones(2, 3).requiresGrad_().mul(2);
        Tensor b = Tensor.ones(2, 3).requiresGrad_().mul(3);
        py.print(a.add(b));
        Tensor c2;
        try (var g = Autograd.noGrad()) {
            c2 = a.add(b);
            py.print("inside no_grad: is_grad_enabled =", Autograd.isGradEnabled());
        }
        py.print(c2);
        py.print("c2.requires_grad:", c2.requiresGrad(), " c2.is_leaf:", c2.isLeaf());
        py.print(a.mul(b));
        py.print(addTensors1(a, b));
        py.print(addTensors2(a, b));
        py.print("after decorated call is_grad_enabled =", Autograd.isGradEnabled());
        // factories under no_grad still honour requiresGrad_(): a leaf that requires grad
        Tensor w;
        try (var g = Autograd.noGrad()) {
            w = Tensor.ones(2).requiresGrad_();
        }
        py.print("created under no_grad:", w, w.isLeaf());
        // an in-place update of a leaf is allowed under no_grad: what optimizers do
        Tensor p = Tensor.of(1f, 2f).requiresGrad_();
        p.mul(p).sum().backward();
        try (var g = Autograd.noGrad()) {
            p.sub_(p.grad().mul(0.1));
        }
        py.print("p after manual SGD step:", p, " grad_fn:", p.gradFn(), " _version:", p.version());
        // no_grad does not stop the backward of a graph recorded before
        Tensor x = Tensor.scalar(2.0).requiresGrad_();
        Tensor y = x.pow(2);
        try (var g = Autograd.noGrad()) {
            y.backward();
        }
        py.print("backward inside no_grad still computes grads:", x.grad());
        // leaving the scope by an exception restores the previous mode
        try (var g = Autograd.noGrad()) {
            throw new IllegalArgumentException("boom");
        } catch (IllegalArgumentException expected) {
            // the point is only where grad mode stands afterwards
        }
        py.print("after exception inside no_grad, is_grad_enabled =", Autograd.isGradEnabled());
        py.print("decorated method:", new Doubler().f(p));
    }

    private static Tensor addTensors1(Tensor x, Tensor y) { return x.add(y); }

    /** The decorated {@code @torch.no_grad() def add_tensors2(x, y)}: the body runs as a Supplier without grad. */
    private static Tensor addTensors2(Tensor x, Tensor y) { return Autograd.noGrad(() -> x.add(y)); }

    /** The case's class with a {@code @torch.no_grad()} method. */
    private static final class Doubler {
        Tensor f(Tensor x) { return Autograd.noGrad(() -> x.mul(2)); }
    }

    // 20: enable_grad inside no_grad, set_grad_enabled as a scope, as a global switch and around a function
    private void enableGrad() {
        Tensor x = Tensor.of(1f).requiresGrad_();
        Tensor y;
        Tensor z;
        try (var g = Autograd.noGrad()) {
            try (var e = Autograd.enableGrad()) {
                y = x.mul(2);
            }
            z = x.mul(2);
        }
        py.print("enable_grad inside no_grad:", y.requiresGrad(), " back in no_grad:", z.requiresGrad());
        UnaryOperator<Tensor> doubler = t -> Autograd.enableGrad(() -> t.mul(2));   // @torch.enable_grad()
        try (var g = Autograd.noGrad()) {
            py.print("decorated enable_grad inside no_grad:", doubler.apply(x));
        }
        try (var g = Autograd.gradEnabled(false)) {
            py.print("set_grad_enabled(False) ctx:", x.mul(2).requiresGrad());
        }
        try (var g = Autograd.gradEnabled(true)) {
            py.print("set_grad_enabled(True) ctx:", x.mul(2).requiresGrad());
        }
        Autograd.setGradEnabled(false);
        py.print("after torch.set_grad_enabled(False): is_grad_enabled =", Autograd.isGradEnabled(),
                " x*2 requires_grad:", x.mul(2).requiresGrad());
        Autograd.setGradEnabled(true);
        py.print("after torch.set_grad_enabled(True): is_grad_enabled =", Autograd.isGradEnabled());
        // @torch.set_grad_enabled(False): a function whose body runs in the scope. Java has no decoration time, so
        // it behaves as PyTorch >= 2.2, which fixed 1.13's leak of the disabled mode at decoration (pytorch#113298).
        py.print("before decorating: is_grad_enabled =", Autograd.isGradEnabled());
        Function<Tensor, Tensor> f = t -> {
            try (var g = Autograd.gradEnabled(false)) {
                return t.mul(3);
            }
        };
        py.print("right after decorating: is_grad_enabled =", Autograd.isGradEnabled());
        py.print("set_grad_enabled(False) decorator:", f.apply(x), " is_grad_enabled after call:",
                Autograd.isGradEnabled());
        Autograd.setGradEnabled(true);             // the case restores the mode by hand; here a no-op
        py.print("x*2 after manual restore:", x.mul(2));
        boolean isTrain = false;
        Tensor result;
        try (var g = Autograd.gradEnabled(isTrain)) {
            result = x.mul(4);
        }
        py.print("with set_grad_enabled(is_train=False):", result.requiresGrad());
    }

    // 22: detach() shares storage and version counter but not the graph; .data shares neither check
    private void detach() {
        Tensor x = Tensor.of(1f, 2f, 3f).requiresGrad_();
        Tensor y = x.mul(2);
        Tensor d = y.detach();
        py.print("d:", d, " requires_grad:", d.requiresGrad(), " grad_fn:", d.gradFn(), " is_leaf:", d.isLeaf());
        py.print("shares storage:", d.storage() == y.storage() && d.storageOffset() == y.storageOffset());
        Tensor xd = x.detach();
        xd.select(0, 0).fill_(100);                // xd[0] = 100.
        py.print("x after modifying x.detach() in place:", x);
        x.data().select(0, 0).fill_(1);            // x.data[0] = 1.
        // gradient does not flow through a detached tensor (d2l: u = y.detach(); z = u * x)
        x = Tensor.of(0f, 1f, 2f, 3f).requiresGrad_();
        y = x.mul(x);
        Tensor u = y.detach();
        Tensor z = u.mul(x);
        z.sum().backward();
        py.print("x.grad == u:", x.grad(), x.grad().equal(u));
        x.grad().zero_();
        y.sum().backward();
        py.print("x.grad == 2x:", x.grad());
        // an in-place change through detach() bumps the shared version counter: backward refuses
        Tensor x3 = Tensor.of(1f, 2f).requiresGrad_();
        Tensor e3 = x3.exp();
        e3.detach().zero_();
        py.attempt("backward after y.detach().zero_()", () -> e3.sum().backward());
        // .data does not share the counter: silently wrong gradients instead of an error
        x = Tensor.of(1f, 2f).requiresGrad_();
        y = x.exp();
        y.data().zero_();
        y.sum().backward();
        py.print("after y.data.zero_(): no error, x.grad =", x.grad());
        // detach_() turns a non-leaf into a leaf, in place
        x = Tensor.of(1f, 2f).requiresGrad_();
        y = x.mul(2);
        Tensor r = y.detach_();
        py.print("detach_() returns self:", r == y, " y.requires_grad:", y.requiresGrad(), " y.is_leaf:", y.isLeaf(),
                " grad_fn:", y.gradFn());
        Tensor v = x.mul(2).slice(0, 0, 1);
        py.attempt("view.detach_()", v::detach_);
        // the case ends with x.numpy(), which has no Java counterpart: toFloatArray() copies whatever requires grad
    }

    // 23: requires_grad can be switched on a leaf; on a non-leaf only the no-op requires_grad_(True) is allowed
    private void requiresGradToggle() {
        Tensor a = Tensor.ones(2, 3).requiresGrad_();
        py.print(a);
        Tensor b1 = a.mul(2);
        py.print(b1);
        a.setRequiresGrad(false);
        Tensor b2 = a.mul(2);
        py.print(b2);
        py.print("b1.grad_fn still:", b1.gradFn().name());
        Tensor x = Tensor.ones(2).requiresGrad_();
        Tensor y = x.mul(2);
        py.attempt("nonleaf.requires_grad = False", () -> y.setRequiresGrad(false));
        py.attempt("nonleaf.requires_grad = True", () -> y.setRequiresGrad(true));
        py.attempt("nonleaf.requires_grad_(False)", () -> y.requiresGrad_(false));
        py.attempt("nonleaf.requires_grad_(True) (no-op)", () -> y.requiresGrad_(true));
        // a tensor computed without grad is a leaf, so it may start requiring grad later
        Tensor w = Tensor.ones(2).mul(3);
        w.requiresGrad_();
        w.mul(w).sum().backward();
        py.print("w.grad:", w.grad());
    }

    // 24: integer and bool results never require grad; argmax's backward is the tutorial's error
    private void nonDifferentiable() {
        Tensor x = Tensor.of(1.5f, -0.5f, 3f).requiresGrad_();
        Map<String, Supplier<Tensor>> results = new LinkedHashMap<>();
        results.put("x.argmax()", x::argmax);
        results.put("x.argmin()", x::argmin);
        results.put("x > 0", () -> x.gt(0));
        results.put("x == 3", () -> x.eq(3));
        results.put("x.eq(x)", () -> x.eq(x));
        results.put("x.max(0).indices", () -> x.max(0).indices());
        results.put("x.sort().indices", () -> x.sort(-1, false).indices());
        results.put("x.long()", () -> x.to(DType.INT64));
        results.put("torch.isnan(x)", x::isnan);
        results.put("x.nonzero()", x::nonzero);
        results.put("x.sign()", x::sign);
        results.put("x.round()", x::round);
        results.put("x.floor()", x::floor);
        for (var e : results.entrySet()) {
            Tensor r = e.getValue().get();
            out.println(String.format("%-18s dtype=%-14s requires_grad=%s  grad_fn=%s", e.getKey(), r.dtype(),
                    Py.str(r.requiresGrad()), r.gradFn() == null ? "None" : r.gradFn().name()));
        }
        py.attempt("x.argmax().backward()", () -> x.argmax().backward());
        py.attempt("(x > 0).sum().backward()", () -> x.gt(0).sum().backward());
        py.attempt("x.argmax().float().backward()", () -> x.argmax().to(DType.FLOAT32).backward());
        // piecewise-constant float ops are differentiable, with gradient zero
        Map<String, UnaryOperator<Tensor>> steps = new LinkedHashMap<>();
        steps.put("round", Tensor::round);
        steps.put("floor", Tensor::floor);
        steps.put("ceil", Tensor::ceil);
        steps.put("sign", Tensor::sign);
        steps.put("trunc", Tensor::trunc);
        for (var e : steps.entrySet()) {
            x.setGrad(null);
            e.getValue().apply(x).sum().backward();
            py.print("d/dx sum(" + e.getKey() + "(x)) =", x.grad());
        }
        Tensor plain = Tensor.of(1f, 2f);
        py.attempt("plain.sum().backward()", () -> plain.sum().backward());
        // the index in the message is the position in the list of outputs
        Tensor ok = x.mul(2).sum();
        List<Tensor> roots = new ArrayList<>(List.of(ok, plain.sum()));
        py.attempt("autograd.backward([ok, plain])", () -> Autograd.backward(roots, null));
        // masking by a comparison still sends gradient through the float operand
        x.setGrad(null);
        x.mul(x.gt(0)).sum().backward();
        py.print("d/dx sum(x * (x>0)):", x.grad());
        x.setGrad(null);
        Tensor.where(x.gt(0), x.mul(x), Tensor.zerosLike(x)).sum().backward();
        py.print("d/dx sum(where(x>0, x^2, 0)):", x.grad());
    }

    // 25: in-place ops on a leaf that requires grad are refused, outside no_grad
    private void inplaceOnLeaf() {
        Tensor a = Tensor.linspace(0, 2 * Math.PI, 25).requiresGrad_();
        py.attempt("torch.sin_(a)", a::sin_);
        Tensor x = Tensor.of(1f, 2f).requiresGrad_();
        py.attempt("x.add_(1)", () -> x.add_(1));
        py.attempt("x += 1", () -> { x.add_(1); });
        py.attempt("x[0] = 5.", () -> { x.select(0, 0).fill_(5); });
        py.attempt("x.zero_()", x::zero_);
        py.attempt("x.copy_(t)", () -> x.copy_(Tensor.zeros(2)));
        py.attempt("x.fill_(0)", () -> x.fill_(0));
        py.attempt("x[0:1].mul_(2)", () -> x.slice(0, 0, 1).mul_(2));
        py.attempt("x.view(2).add_(1)", () -> x.view(2).add_(1));
        // allowed under no_grad; the version counter still counts
        py.print("x._version before:", x.version());
        try (var g = Autograd.noGrad()) {
            x.add_(1);
            x.select(0, 0).fill_(10);              // x[0] = 10.
        }
        py.print("after no_grad in-place:", x, " _version:", x.version());
        Tensor t = Tensor.of(1f, 2f);
        t.add_(1);
        py.print("non-grad leaf in-place:", t);
        Tensor y = x;
        y = y.add(1);                              // out-of-place: y is a new non-leaf
        py.print("rebinding y = y + 1:", y, y.isLeaf());
        x.data().add_(1);                          // .data bypasses the check (legacy)
        py.print("x.data.add_(1):", x);
    }

    // 44: the TinyModel tutorial: 1000 -> 100 -> ReLU -> 10, one SGD step, gradient accumulation, zeroGrad.
    // Java cannot replay torch's RNG (spec section 5), so the weights and data differ from the case; the lines that
    // do not depend on the RNG (the model, shapes, counts, the two invariants, zeroGrad) print exactly as PyTorch's.
    private void tinyModel() {
        Tensor.manualSeed(0);
        Tensor someInput = Tensor.randn(BATCH_SIZE, DIM_IN);
        Tensor idealOutput = Tensor.randn(BATCH_SIZE, DIM_OUT);
        TinyModel model = new TinyModel();
        py.print(model);
        List<Py.Tuple> shapes = new ArrayList<>();
        for (var e : model.namedParameters().entrySet()) {
            shapes.add(Py.tuple(List.of(Py.quoted(e.getKey()), Py.tuple(Arrays.stream(e.getValue().shape()).boxed().toList()))));
        }
        py.print("parameter shapes:", shapes);
        py.print("num params:", model.parameters().stream().mapToInt(Tensor::numel).sum());
        Tensor w = model.layer2.weight();
        py.print(firstTen(w));                     // model.layer2.weight[0][0:10], just a small slice
        py.print(w.grad());
        SGD optimizer = new SGD(model.parameters(), 0.001);
        Tensor prediction = model.call(someInput);
        Tensor loss = idealOutput.sub(prediction).pow(2).sum();
        py.print(loss);
        loss.backward();
        py.print(firstTen(w));
        py.print(firstTen(w.grad()));
        Tensor before = w.detach().clone();
        optimizer.step();
        py.print(firstTen(w));
        py.print(firstTen(w.grad()));
        py.print("step == w - lr*grad:", allclose(w.detach(), before.sub(w.grad().mul(0.001)), 1e-5, 1e-8));
        py.print(firstTen(w.grad()));
        // without zeroGrad, 5 more backward passes add 5 * g_new to the gradient: an invariant free of the RNG
        Tensor gOld = w.grad().clone();
        Tensor gNew = Autograd.grad(List.of(idealOutput.sub(model.call(someInput)).pow(2).sum()), List.of(w)).get(0);
        for (int i = 0; i < 5; i++) {
            prediction = model.call(someInput);
            loss = idealOutput.sub(prediction).pow(2).sum();
            loss.backward();
        }
        py.print(firstTen(w.grad()));
        py.print("accumulated == g_old + 5*g_new:", allclose(w.grad(), gOld.add(gNew.mul(5)), 1e-4, 1e-4));
        optimizer.zeroGrad();                      // PyTorch 2.x: grads become None (1.13 zeroed them)
        py.print(w.grad() == null ? null : firstTen(w.grad()));
    }

    private static final int BATCH_SIZE = 16;
    private static final int DIM_IN = 1000;
    private static final int HIDDEN_SIZE = 100;
    private static final int DIM_OUT = 10;

    /** The tutorial's model, written as API.md's example. */
    static final class TinyModel extends Module {
        final Linear layer1 = register("layer1", new Linear(DIM_IN, HIDDEN_SIZE));
        final ReLU relu = register("relu", new ReLU());
        final Linear layer2 = register("layer2", new Linear(HIDDEN_SIZE, DIM_OUT));

        @Override
        public Tensor forward(Tensor x) { return layer2.forward(relu.forward(layer1.forward(x))); }
    }

    /** {@code t[0][0:10]}: the first ten entries of the first row. */
    private static Tensor firstTen(Tensor t) { return t.select(0, 0).slice(0, 0, 10); }

    /** {@code torch.allclose(a, b, rtol, atol)}: {@code |a - b| <= atol + rtol |b|} everywhere. */
    private static boolean allclose(Tensor a, Tensor b, double rtol, double atol) {
        return a.sub(b).abs().le(b.abs().mul(rtol).add(atol)).all();
    }
}
