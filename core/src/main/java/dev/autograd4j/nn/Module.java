package dev.autograd4j.nn;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;
import dev.autograd4j.autograd.GradMode;
import dev.autograd4j.autograd.Handle;
import dev.autograd4j.tensor.Shapes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The base of every layer and model: PyTorch's {@code nn.Module}. Children, parameters and buffers are registered
 * explicitly (no reflection), in the order that {@link #namedParameters()} and {@link #stateDict()} report them.
 *
 * <pre>{@code
 * class TinyModel extends Module {
 *   final Linear layer1 = register("layer1", new Linear(1000, 100));
 *   final ReLU relu = register("relu", new ReLU());
 *   final Linear layer2 = register("layer2", new Linear(100, 10));
 *   @Override public Tensor forward(Tensor x) { return layer2.forward(relu.forward(layer1.forward(x))); }
 * }
 * }</pre>
 *
 * <p>{@link #forward} is the computation alone; {@link #call} is PyTorch's {@code module(x)}: it runs the forward
 * pre-hooks, forward, the forward hooks and wires the full backward hooks (SPEC H4).
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;
    private final List<ForwardPreHook> forwardPreHooks = new ArrayList<>();
    private final List<ForwardHook> forwardHooks = new ArrayList<>();
    private final List<BackwardHook> backwardHooks = new ArrayList<>();

    /** {@code (module, input) -> replacement input, or null to keep it}. */
    @FunctionalInterface
    public interface ForwardPreHook { Tensor apply(Module module, Tensor input); }

    /** {@code (module, input, output) -> replacement output, or null to keep it}. */
    @FunctionalInterface
    public interface ForwardHook { Tensor apply(Module module, Tensor input, Tensor output); }

    /** {@code (module, gradInput, gradOutput) -> replacement gradInput, or null to keep it}; entries may be null. */
    @FunctionalInterface
    public interface BackwardHook { Tensor[] apply(Module module, Tensor[] gradInput, Tensor[] gradOutput); }

    /** The computation of this module: {@code model.forward(x)}. Hooks run only through {@link #call}. */
    public abstract Tensor forward(Tensor input);

    /** PyTorch's {@code module(x)}: pre-hooks, forward, forward hooks, and backward-hook wiring: {@code lin.call(x)}. */
    public Tensor call(Tensor input) {
        Tensor x = input;
        for (ForwardPreHook h : List.copyOf(forwardPreHooks)) {
            Tensor r = h.apply(this, x);
            if (r != null) x = r;
        }
        BackwardHookState bw = !backwardHooks.isEmpty() && GradMode.isEnabled()
                ? new BackwardHookState(this, List.copyOf(backwardHooks)) : null;
        if (bw != null && x.requiresGrad()) x = bw.wrapInput(x);
        Tensor out = forward(x);
        for (ForwardHook h : List.copyOf(forwardHooks)) {
            Tensor r = h.apply(this, x, out);
            if (r != null) out = r;
        }
        if (bw != null && out.requiresGrad()) out = bw.wrapOutput(out);
        return out;
    }

    // ---- registration ------------------------------------------------------------------------------------

    /** Registers a child module under {@code name} and returns it, for inline field initialisers: {@code register("fc", new Linear(2, 3))}. */
    public <M extends Module> M register(String name, M child) {
        checkName(name, children);
        children.put(name, child);
        return child;
    }

    /** Registers a parameter (null allowed, like PyTorch's {@code bias=None}) and returns it: {@code registerParameter("w", new Parameter(t))}. */
    public Parameter registerParameter(String name, Parameter p) {
        checkName(name, parameters);
        parameters.put(name, p);
        return p;
    }

    /** Registers a non-learnable tensor saved in the state dict (running statistics): {@code registerBuffer("running_mean", Tensor.zeros(4))}. */
    public Tensor registerBuffer(String name, Tensor t) {
        checkName(name, buffers);
        buffers.put(name, t);
        return t;
    }

    private void checkName(String name, Map<String, ?> own) {
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("name can't be empty string \"\"");
        if (name.contains(".")) throw new IllegalArgumentException("name can't contain \".\"");
        boolean taken = (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name))
                && !own.containsKey(name);
        if (taken) throw new IllegalArgumentException("attribute '" + name + "' already exists");
    }

    /** This module's own parameter by name (null when registered as null): {@code lin.parameter("weight")}. */
    public Parameter parameter(String name) {
        if (!parameters.containsKey(name)) {
            throw new IllegalArgumentException("'" + getName() + "' object has no parameter '" + name + "'");
        }
        return parameters.get(name);
    }

    /** This module's own buffer by name: {@code bn.buffer("running_mean")}. */
    public Tensor buffer(String name) {
        if (!buffers.containsKey(name)) throw new IllegalArgumentException("'" + getName() + "' object has no buffer '" + name + "'");
        return buffers.get(name);
    }

    /** Replaces the value of an existing buffer (running statistics are rebound, not copied). */
    protected void setBuffer(String name, Tensor t) { buffers.put(name, t); }

    // ---- traversal ---------------------------------------------------------------------------------------

    /** All parameters of this module and its descendants, in registration order, each once: {@code new SGD(model.parameters(), 0.1)}. */
    public List<Parameter> parameters() { return new ArrayList<>(namedParameters().values()); }

    /** Parameters by dotted name ({@code "layer1.weight"}) in registration order: {@code model.namedParameters().keySet()}. */
    public Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collectParameters("", out, seen);
        return out;
    }

    private void collectParameters(String prefix, Map<String, Parameter> out, Set<Tensor> seen) {
        for (var e : parameters.entrySet()) {
            if (e.getValue() != null && seen.add(e.getValue())) out.put(prefix + e.getKey(), e.getValue());
        }
        for (var e : children.entrySet()) e.getValue().collectParameters(prefix + e.getKey() + ".", out, seen);
    }

    /** Buffers by dotted name in registration order: {@code bn.namedBuffers()}. */
    public Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : namedModules().entrySet()) {
            String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            for (var b : e.getValue().buffers.entrySet()) if (b.getValue() != null) out.put(prefix + b.getKey(), b.getValue());
        }
        return out;
    }

    /** The direct children, in registration order: {@code seq.children()}. */
    public List<Module> children() { return new ArrayList<>(children.values()); }

    /** The direct children by name: {@code seq.namedChildren().get("0")}. */
    public Map<String, Module> namedChildren() { return new LinkedHashMap<>(children); }

    /** This module and every descendant, depth first: {@code model.modules()}. */
    public List<Module> modules() { return new ArrayList<>(namedModules().values()); }

    /** This module ({@code ""}) and every descendant by dotted name, depth first, each once. */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        Set<Module> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        collectModules("", out, seen);
        return out;
    }

    private void collectModules(String name, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(this)) return;
        out.put(name, this);
        for (var e : children.entrySet()) e.getValue().collectModules(name.isEmpty() ? e.getKey() : name + "." + e.getKey(), out, seen);
    }

    /** Calls {@code fn} on every descendant and then on this module (PyTorch's {@code apply}); returns this. */
    public Module apply(Consumer<Module> fn) {
        for (Module c : children.values()) c.apply(fn);
        fn.accept(this);
        return this;
    }

    // ---- modes and gradients ---------------------------------------------------------------------------

    /** Sets training mode on this module and its descendants; returns this: {@code model.train()}. */
    public Module train() { return train(true); }

    /** Sets training ({@code true}) or evaluation mode recursively; returns this: {@code model.train(false)}. */
    public Module train(boolean mode) {
        training = mode;
        for (Module c : children.values()) c.train(mode);
        return this;
    }

    /** Evaluation mode (Dropout off, BatchNorm uses running statistics); returns this: {@code model.eval()}. */
    public Module eval() { return train(false); }

    /** Whether this module is in training mode: {@code model.isTraining()}. */
    public boolean isTraining() { return training; }

    /** Sets every parameter's grad to null (PyTorch 2.x default): {@code model.zeroGrad()}. */
    public void zeroGrad() { zeroGrad(true); }

    /** {@code setToNone}: grads become null; otherwise they are zeroed in place (1.13 default): {@code model.zeroGrad(false)}. */
    public void zeroGrad(boolean setToNone) { zeroGrads(parameters(), setToNone); }

    /** Shared by Module and Optimizer: PyTorch's zero_grad on a list of tensors. */
    public static void zeroGrads(List<? extends Tensor> params, boolean setToNone) {
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g == null) continue;
            if (setToNone) {
                p.setGrad(null);
                continue;
            }
            if (g.gradFn() != null) {
                g = g.detach();
                p.setGrad(g);
            } else {
                g.requiresGrad_(false);
            }
            try (var ng = Autograd.noGrad()) { g.zero_(); }
        }
    }

    /** Sets requires_grad on every parameter (freezing with {@code false}); returns this: {@code net.requiresGrad_(false)}. */
    public Module requiresGrad_(boolean requires) {
        for (Parameter p : parameters()) p.requiresGrad_(requires);
        return this;
    }

    /** Converts floating-point parameters and buffers to {@code dtype}, keeping requires_grad; returns this: {@code model.to(DType.FLOAT64)}. */
    public Module to(DType dtype) {
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("nn.Module.to only accepts floating point dtypes, but got desired dtype=" + dtype);
        }
        for (Module m : modules()) {
            for (var e : m.parameters.entrySet()) {
                Parameter p = e.getValue();
                if (p == null || p.dtype() == dtype || !p.dtype().isFloatingPoint()) continue;
                Tensor data;
                try (var ng = Autograd.noGrad()) { data = p.detach().to(dtype); }
                e.setValue(new Parameter(data, p.requiresGrad()));
            }
            for (var e : m.buffers.entrySet()) {
                Tensor b = e.getValue();
                if (b == null || b.dtype() == dtype || !b.dtype().isFloatingPoint()) continue;
                try (var ng = Autograd.noGrad()) { e.setValue(b.detach().to(dtype)); }
            }
        }
        return this;
    }

    // ---- state dict -------------------------------------------------------------------------------------

    /** Parameters then buffers of each module, by dotted name, detached but sharing storage: {@code model.stateDict()}. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (var e : namedModules().entrySet()) {
            String prefix = e.getKey().isEmpty() ? "" : e.getKey() + ".";
            Module m = e.getValue();
            for (var p : m.parameters.entrySet()) if (p.getValue() != null) out.put(prefix + p.getKey(), p.getValue().detach());
            for (var b : m.buffers.entrySet()) if (b.getValue() != null) out.put(prefix + b.getKey(), b.getValue().detach());
        }
        return out;
    }

    /** The keys a {@link #loadStateDict} call did not match. Prints as PyTorch does. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {
        @Override
        public String toString() {
            if (missingKeys.isEmpty() && unexpectedKeys.isEmpty()) return "<All keys matched successfully>";
            return "_IncompatibleKeys(missing_keys=" + pyList(missingKeys) + ", unexpected_keys=" + pyList(unexpectedKeys) + ")";
        }

        private static String pyList(List<String> l) {
            List<String> q = new ArrayList<>();
            for (String s : l) q.add("'" + s + "'");
            return "[" + String.join(", ", q) + "]";
        }
    }

    /** Copies values into parameters and buffers (strict: keys must match exactly), or changes nothing and throws. */
    public LoadResult loadStateDict(Map<String, Tensor> state) { return loadStateDict(state, true); }

    /**
     * Copies values into parameters and buffers by name; with {@code strict}, missing or unexpected keys are an
     * error. A shape mismatch is always an error. On error nothing is copied: {@code model.loadStateDict(sd, false)}.
     */
    public LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (String k : own.keySet()) if (!state.containsKey(k)) missing.add(k);
        for (String k : state.keySet()) if (!own.containsKey(k)) unexpected.add(k);
        for (var e : own.entrySet()) {
            Tensor src = state.get(e.getKey());
            if (src == null) continue;
            if (!Arrays.equals(src.shape(), e.getValue().shape())) {
                errors.add("size mismatch for " + e.getKey() + ": copying a param with shape " + Shapes.torchSize(src.shape())
                        + " from checkpoint, the shape in current model is " + Shapes.torchSize(e.getValue().shape()) + ".");
            }
        }
        if (strict) {
            if (!unexpected.isEmpty()) errors.add(0, "Unexpected key(s) in state_dict: " + quoted(unexpected) + ". ");
            if (!missing.isEmpty()) errors.add(0, "Missing key(s) in state_dict: " + quoted(missing) + ". ");
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Error(s) in loading state_dict for " + getName() + ":\n\t" + String.join("\n\t", errors));
        }
        try (var ng = Autograd.noGrad()) {
            for (var e : own.entrySet()) {
                Tensor src = state.get(e.getKey());
                if (src != null) e.getValue().copy_(src);
            }
        }
        return new LoadResult(missing, unexpected);
    }

    private static String quoted(List<String> keys) {
        List<String> q = new ArrayList<>();
        for (String k : keys) q.add("\"" + k + "\"");
        return String.join(", ", q);
    }

    // ---- hooks --------------------------------------------------------------------------------------------

    /** Runs {@code hook(module, input)} before each {@link #call}; a non-null result replaces the input. */
    public Handle registerForwardPreHook(ForwardPreHook hook) {
        forwardPreHooks.add(hook);
        return () -> forwardPreHooks.remove(hook);
    }

    /** Runs {@code hook(module, input, output)} after each forward in {@link #call}; a non-null result replaces the output. */
    public Handle registerForwardHook(ForwardHook hook) {
        forwardHooks.add(hook);
        return () -> forwardHooks.remove(hook);
    }

    /**
     * Runs {@code hook(module, gradInput, gradOutput)} when the gradient w.r.t. the module's input is computed
     * (gradInput is {@code [null]} when the input does not require grad): {@code lin.registerFullBackwardHook((m, gi, go) -> null)}.
     */
    public Handle registerFullBackwardHook(BackwardHook hook) {
        backwardHooks.add(hook);
        return () -> backwardHooks.remove(hook);
    }

    // ---- printing ------------------------------------------------------------------------------------------

    /** The one-line description inside the parentheses, e.g. {@code "in_features=2, out_features=3, bias=True"}. */
    public String extraRepr() { return ""; }

    /** The class name PyTorch prints: {@code "Linear"}. */
    public String getName() {
        Class<?> c = getClass();
        while (c.getSimpleName().isEmpty()) c = c.getSuperclass();
        return c.getSimpleName();
    }

    /** PyTorch's module repr, children indented by two spaces: {@code System.out.println(model)}. */
    @Override
    public String toString() {
        String extra = extraRepr();
        List<String> extraLines = extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\n", -1));
        List<String> childLines = new ArrayList<>();
        for (var e : children.entrySet()) childLines.add("(" + e.getKey() + "): " + addIndent(e.getValue().toString()));
        StringBuilder sb = new StringBuilder(getName()).append('(');
        if (!extraLines.isEmpty() || !childLines.isEmpty()) {
            if (extraLines.size() == 1 && childLines.isEmpty()) {
                sb.append(extraLines.get(0));
            } else {
                List<String> lines = new ArrayList<>(extraLines);
                lines.addAll(childLines);
                sb.append("\n  ").append(String.join("\n  ", lines)).append('\n');
            }
        }
        return sb.append(')').toString();
    }

    private static String addIndent(String s) { return s.replace("\n", "\n  "); }
}
