package dev.autograd4j.kernel;

import dev.autograd4j.kernel.Kernels.BinaryOp;
import dev.autograd4j.kernel.Kernels.UnaryOp;

/**
 * One element of each op, with PyTorch's semantics; the loops in both kernel implementations call these for the
 * ops (and the tails) they do not vectorise.
 *
 * <p>Float ops compute transcendental functions in double and round once, so results are within an ulp of PyTorch.
 *
 * <pre>{@code float y = ScalarOps.apply(Kernels.UnaryOp.EXP, 1f);}</pre>
 */
public final class ScalarOps {

    private ScalarOps() {
    }

    /**
     * Applies a binary op to two floats.
     *
     * <pre>{@code ScalarOps.apply(Kernels.BinaryOp.MAXIMUM, Float.NaN, 1f); // NaN}</pre>
     */
    public static float apply(BinaryOp op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> (float) Math.pow(a, b);
            case MAXIMUM -> Math.max(a, b); // propagates NaN and orders -0 < +0, as torch.maximum
            case MINIMUM -> Math.min(a, b);
            case ATAN2 -> (float) Math.atan2(a, b);
        };
    }

    /**
     * Applies a binary op to two doubles.
     *
     * <pre>{@code ScalarOps.apply(Kernels.BinaryOp.POW, 2.0, 10.0); // 1024.0}</pre>
     */
    public static double apply(BinaryOp op, double a, double b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case ATAN2 -> Math.atan2(a, b);
        };
    }

    /**
     * Applies a unary op to a float.
     *
     * <pre>{@code ScalarOps.apply(Kernels.UnaryOp.ROUND, 2.5f); // 2.0f (half to even)}</pre>
     */
    public static float apply(UnaryOp op, float x) {
        return switch (op) {
            case NEG -> -x;
            case ABS -> Math.abs(x);
            case RELU -> relu(x);
            case SQUARE -> x * x;
            case SIGN -> sign(x);
            case FLOOR -> (float) Math.floor(x);
            case CEIL -> (float) Math.ceil(x);
            case ROUND -> (float) Math.rint(x);
            case TRUNC -> x < 0 ? (float) Math.ceil(x) : (float) Math.floor(x);
            case RECIPROCAL -> 1f / x;
            case SQRT -> (float) Math.sqrt(x); // correctly rounded, the same as a float sqrt
            case RSQRT -> 1f / (float) Math.sqrt(x); // two float roundings, as PyTorch and the vector kernel
            // PyTorch evaluates 1 / (1 + exp(-x)) in float: exp(100) overflows, so sigmoid(-100) is exactly 0,
            // not the denormal 3.78e-44 that rounding the double result gives (SPEC section 3, case 53).
            case SIGMOID -> 1f / (1f + (float) Math.exp(-x));
            default -> (float) apply(op, (double) x);
        };
    }

    /**
     * Applies a unary op to a double.
     *
     * <pre>{@code ScalarOps.apply(Kernels.UnaryOp.SIGMOID, 0.0); // 0.5}</pre>
     */
    public static double apply(UnaryOp op, double x) {
        return switch (op) {
            case NEG -> -x;
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case TANH -> Math.tanh(x);
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-x));
            case RELU -> relu(x);
            case SQRT -> Math.sqrt(x);
            case ABS -> Math.abs(x);
            case SIGN -> sign(x);
            case FLOOR -> Math.floor(x);
            case CEIL -> Math.ceil(x);
            case ROUND -> Math.rint(x);
            case TRUNC -> x < 0 ? Math.ceil(x) : Math.floor(x);
            case RECIPROCAL -> 1.0 / x;
            case SQUARE -> x * x;
            case RSQRT -> 1.0 / Math.sqrt(x);
            case LOG1P -> Math.log1p(x);
            case EXPM1 -> Math.expm1(x);
            case LOG2 -> ScalarMath.log2(x);
            case ASIN -> Math.asin(x);
            case ACOS -> Math.acos(x);
            case ATAN -> Math.atan(x);
            case SINH -> Math.sinh(x);
            case COSH -> Math.cosh(x);
            case ERF -> ScalarMath.erf(x);
        };
    }

    /** torch.relu: negatives become 0; NaN and -0.0 pass through unchanged (it is {@code x < 0 ? 0 : x}). */
    private static float relu(float x) {
        return x < 0f ? 0f : x;
    }

    private static double relu(double x) {
        return x < 0.0 ? 0.0 : x;
    }

    /** torch.sign is {@code (0 < x) - (x < 0)}: +1, -1 or 0, and 0 for NaN and for -0.0 (checked on torch 1.13). */
    private static float sign(float x) {
        return x > 0f ? 1f : (x < 0f ? -1f : 0f);
    }

    private static double sign(double x) {
        return x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : 0.0);
    }
}
