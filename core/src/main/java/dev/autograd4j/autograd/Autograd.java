package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import dev.autograd4j.Warnings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * PyTorch's {@code torch.autograd} functions: grad modes, {@code grad}, {@code backward}, anomaly detection.
 *
 * <pre>{@code
 * try (var g = Autograd.noGrad()) { w.sub_(w.grad().mul(lr)); }
 * List<Tensor> gs = Autograd.grad(List.of(loss), List.of(x));
 * }</pre>
 */
public final class Autograd {
    private Autograd() {}

    /** A scope that restores the previous grad mode (and inference mode) when closed. */
    public static final class GradScope implements AutoCloseable {
        private final boolean prevGrad;
        private final boolean prevInference;
        private final boolean touchesInference;

        private GradScope(boolean grad, Boolean inference) {
            this.prevGrad = GradMode.set(grad);
            this.touchesInference = inference != null;
            this.prevInference = touchesInference ? GradMode.setInference(inference) : false;
        }

        /** Restores the modes that were active when the scope opened. */
        @Override
        public void close() {
            GradMode.set(prevGrad);
            if (touchesInference) GradMode.setInference(prevInference);
        }
    }

    /** Disables recording until closed: {@code try (var g = Autograd.noGrad()) { ... }}. */
    public static GradScope noGrad() { return new GradScope(false, null); }

    /** Re-enables recording (e.g. inside noGrad) until closed: {@code try (var g = Autograd.enableGrad()) { ... }}. */
    public static GradScope enableGrad() { return new GradScope(true, null); }

    /** Sets grad mode to {@code enabled} until closed: {@code try (var g = Autograd.gradEnabled(false)) { ... }}. */
    public static GradScope gradEnabled(boolean enabled) { return new GradScope(enabled, null); }

    /** Inference mode until closed: no recording, and tensors created inside are inference tensors. */
    public static GradScope inferenceMode() { return inferenceMode(true); }

    /** Inference mode on or off until closed ({@code inferenceMode(false)} nested re-enables grad). */
    public static GradScope inferenceMode(boolean on) { return new GradScope(!on, on); }

    /** Runs {@code body} without recording (PyTorch's {@code @torch.no_grad()} decorator): {@code Autograd.noGrad(() -> model.forward(x))}. */
    public static <T> T noGrad(Supplier<T> body) {
        try (GradScope g = noGrad()) { return body.get(); }
    }

    /** Runs {@code body} with recording on (PyTorch's {@code @torch.enable_grad()}). */
    public static <T> T enableGrad(Supplier<T> body) {
        try (GradScope g = enableGrad()) { return body.get(); }
    }

    /** Runs {@code body} in inference mode (PyTorch's {@code @torch.inference_mode()}). */
    public static <T> T inferenceMode(Supplier<T> body) {
        try (GradScope g = inferenceMode()) { return body.get(); }
    }

    /** Sets this thread's grad mode, like {@code torch.set_grad_enabled(mode)} called as a function. */
    public static void setGradEnabled(boolean enabled) { GradMode.set(enabled); }

    /** Whether this thread records ops: {@code Autograd.isGradEnabled()}. */
    public static boolean isGradEnabled() { return GradMode.isEnabled(); }

    /** Whether inference mode is on for this thread. */
    public static boolean isInferenceModeEnabled() { return GradMode.isInference(); }

    /**
     * The gradients of the outputs' sum with respect to each input, without touching {@code .grad}
     * ({@code torch.autograd.grad}): {@code Autograd.grad(List.of(y), List.of(x)).get(0)}.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs) {
        return grad(outputs, inputs, null, false, false, false);
    }

    /**
     * The full form of {@code torch.autograd.grad}; {@code gradOutputs} may be null (implicit ones for scalar
     * outputs), and unused inputs give null entries when {@code allowUnused}.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph, boolean allowUnused) {
        Tensor[] r = Engine.run(outputs, gradOutputs, retainGraph || createGraph, createGraph, inputs, false, allowUnused);
        return Arrays.asList(r);
    }

    /** Backpropagates several roots with their gradients, summing into leaves ({@code torch.autograd.backward}). */
    public static void backward(List<Tensor> roots, List<Tensor> gradTensors) {
        backward(roots, gradTensors, false, false, null);
    }

    /**
     * The full form of {@code backward}: {@code inputs}, when non-null, limits accumulation to those tensors.
     */
    public static void backward(List<Tensor> roots, List<Tensor> gradTensors, boolean retainGraph, boolean createGraph,
                                List<Tensor> inputs) {
        if (createGraph) {
            Warnings.warn("UserWarning: Using backward() with create_graph=True will create a reference cycle between the "
                    + "parameter and its gradient which can cause a memory leak. We recommend using autograd.grad when "
                    + "creating the graph to avoid this. If you have to use this function, make sure to reset the .grad "
                    + "fields of your parameters to None after use to break the cycle and avoid the leak.");
        }
        if (inputs != null && inputs.isEmpty()) throw new IllegalArgumentException("'inputs' argument to backward() cannot be empty.");
        Tensor[] captured = Engine.run(roots, gradTensors, retainGraph || createGraph, createGraph, inputs, true, true);
        // backward(inputs=[non-leaf]) accumulates into the non-leaf's .grad as well.
        if (inputs != null && captured != null) {
            for (int i = 0; i < inputs.size(); i++) {
                Tensor t = inputs.get(i);
                if (!t.isLeaf() && captured[i] != null) AccumulateGrad.accumulate(t, captured[i], createGraph);
            }
        }
    }

    /** Anomaly detection until closed: {@code try (var a = Autograd.detectAnomaly()) { loss.backward(); }}. */
    public static Anomaly.Scope detectAnomaly() { return new Anomaly.Scope(true); }

    /**
     * Anomaly detection until closed, with NaN checks of backward outputs on or off (PyTorch's {@code check_nan}):
     * {@code try (var a = Autograd.detectAnomaly(false)) { loss.backward(); }}.
     */
    public static Anomaly.Scope detectAnomaly(boolean checkNan) { return new Anomaly.Scope(checkNan); }

    /** Turns anomaly detection on or off for this thread ({@code torch.autograd.set_detect_anomaly}). */
    public static void setDetectAnomaly(boolean on) { Anomaly.set(on); }

    /** Turns anomaly detection on or off with NaN checks on or off: {@code Autograd.setDetectAnomaly(true, false)}. */
    public static void setDetectAnomaly(boolean on, boolean checkNan) { Anomaly.set(on, checkNan); }

    /** Whether anomaly detection is on for this thread. */
    public static boolean isAnomalyEnabled() { return Anomaly.isEnabled(); }

    static List<Tensor> list(Tensor... ts) { return new ArrayList<>(Arrays.asList(ts)); }
}
