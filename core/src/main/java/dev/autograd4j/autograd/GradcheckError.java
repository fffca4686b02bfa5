package dev.autograd4j.autograd;

/**
 * Thrown by {@link GradCheck} when an analytical gradient disagrees with finite differences (PyTorch's
 * {@code GradcheckError}).
 *
 * <pre>{@code
 * try { GradCheck.gradcheck(f, List.of(x)); } catch (GradcheckError e) { System.out.println(e.getMessage()); }
 * }</pre>
 */
public class GradcheckError extends RuntimeException {
    /** An error with PyTorch's message text: {@code new GradcheckError("Jacobian mismatch ...")}. */
    public GradcheckError(String message) { super(message); }
}
