package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

/**
 * A tensor that is a module's learnable weight: PyTorch's {@code nn.Parameter}. It aliases the storage (and the
 * version counter) of the tensor it wraps, is always a leaf, and requires grad unless told otherwise.
 *
 * <pre>{@code
 * Parameter w = new Parameter(Tensor.of(1f, 2f));
 * System.out.println(w);   // Parameter containing:
 *                          // tensor([1., 2.], requires_grad=True)
 * }</pre>
 */
public class Parameter extends Tensor {

    /** Wraps {@code data} (sharing its storage) as a parameter that requires grad: {@code new Parameter(Tensor.zeros(3))}. */
    public Parameter(Tensor data) { this(data, true); }

    /** Wraps {@code data} as a parameter, requiring grad or not: {@code new Parameter(t, false)}. */
    public Parameter(Tensor data, boolean requiresGrad) {
        super(data.storage(), data.shape(), data.stride(), data.storageOffset(), data.versionCounter());
        if (requiresGrad) requiresGrad_(true);
    }

    /** {@code "Parameter containing:\n"} followed by the tensor's repr, as PyTorch prints it. */
    @Override
    public String toString() { return "Parameter containing:\n" + super.toString(); }
}
