package dev.autograd4j.autograd;

/**
 * A custom {@link Function} without a {@code jvp} met a dual tensor (PyTorch's NotImplementedError text).
 * {@link Functional}'s jvp and hvp catch it and fall back to the double-backward trick, which needs only backward.
 */
public final class JvpNotImplementedException extends UnsupportedOperationException {
    JvpNotImplementedException() {
        super("You must implement the jvp function for custom autograd.Function to use it with forward mode AD.");
    }
}
