package dev.autograd4j.nn;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.Autograd;

/**
 * Weight initialisation in place, drawing from {@link Tensor#generator()}: PyTorch's {@code torch.nn.init}. Each
 * function runs without grad (so it works on parameters) and returns its argument.
 *
 * <pre>{@code
 * Init.kaimingNormal_(conv.weight(), 0, "fan_out", "relu");
 * Init.zeros_(conv.bias());
 * }</pre>
 */
public final class Init {
    private Init() {}

    /** Fills with U(a, b): {@code Init.uniform_(w, -0.1, 0.1)}. */
    public static Tensor uniform_(Tensor t, double a, double b) {
        try (var ng = Autograd.noGrad()) { return t.uniform_(a, b); }
    }

    /** Fills with N(mean, std²): {@code Init.normal_(w, 0, 0.02)}. */
    public static Tensor normal_(Tensor t, double mean, double std) {
        try (var ng = Autograd.noGrad()) { return t.normal_(mean, std); }
    }

    /** Fills with zeros: {@code Init.zeros_(b)}. */
    public static Tensor zeros_(Tensor t) {
        try (var ng = Autograd.noGrad()) { return t.zero_(); }
    }

    /** Fills with ones: {@code Init.ones_(gamma)}. */
    public static Tensor ones_(Tensor t) {
        try (var ng = Autograd.noGrad()) { return t.fill_(1.0); }
    }

    /** Fills with a constant: {@code Init.constant_(b, 0.1)}. */
    public static Tensor constant_(Tensor t, double value) {
        try (var ng = Autograd.noGrad()) { return t.fill_(value); }
    }

    /**
     * The recommended gain of a nonlinearity: 1 for linear/conv/sigmoid, 5/3 for tanh, √2 for relu,
     * √(2/(1+a²)) for leaky_relu with slope a, 3/4 for selu: {@code Init.calculateGain("relu", 0)}.
     */
    public static double calculateGain(String nonlinearity, double param) {
        return switch (nonlinearity) {
            case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
                 "sigmoid" -> 1.0;
            case "tanh" -> 5.0 / 3;
            case "relu" -> Math.sqrt(2.0);
            case "leaky_relu" -> Math.sqrt(2.0 / (1 + param * param));
            case "selu" -> 3.0 / 4;
            default -> throw new IllegalArgumentException("Unsupported nonlinearity " + nonlinearity);
        };
    }

    /** {fan_in, fan_out} of a weight of at least 2 dims (receptive field counted): {@code Init.fans(w)}. */
    public static int[] fans(Tensor t) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions");
        }
        int receptive = 1;
        for (int d = 2; d < t.dim(); d++) receptive *= t.size(d);
        return new int[]{t.size(1) * receptive, t.size(0) * receptive};
    }

    /** He uniform for leaky_relu with slope a, fan_in mode: {@code Init.kaimingUniform_(w, Math.sqrt(5))}. */
    public static Tensor kaimingUniform_(Tensor t, double a) { return kaimingUniform_(t, a, "fan_in", "leaky_relu"); }

    /** He uniform: U(±gain·√(3/fan)) with fan "fan_in" or "fan_out": {@code Init.kaimingUniform_(w, 0, "fan_in", "relu")}. */
    public static Tensor kaimingUniform_(Tensor t, double a, String mode, String nonlinearity) {
        if (t.numel() == 0) return t;
        double std = calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
        double bound = Math.sqrt(3.0) * std;
        return uniform_(t, -bound, bound);
    }

    /** He normal for leaky_relu with slope a, fan_in mode: {@code Init.kaimingNormal_(w, 0)}. */
    public static Tensor kaimingNormal_(Tensor t, double a) { return kaimingNormal_(t, a, "fan_in", "leaky_relu"); }

    /** He normal: N(0, (gain/√fan)²): {@code Init.kaimingNormal_(w, 0, "fan_out", "relu")}. */
    public static Tensor kaimingNormal_(Tensor t, double a, String mode, String nonlinearity) {
        if (t.numel() == 0) return t;
        return normal_(t, 0, calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode)));
    }

    /** Glorot uniform with gain 1: {@code Init.xavierUniform_(w)}. */
    public static Tensor xavierUniform_(Tensor t) { return xavierUniform_(t, 1.0); }

    /** Glorot uniform: U(±gain·√(6/(fan_in+fan_out))): {@code Init.xavierUniform_(w, Init.calculateGain("tanh", 0))}. */
    public static Tensor xavierUniform_(Tensor t, double gain) {
        int[] f = fans(t);
        double std = gain * Math.sqrt(2.0 / (f[0] + f[1]));
        double a = Math.sqrt(3.0) * std;
        return uniform_(t, -a, a);
    }

    /** Glorot normal with gain 1: {@code Init.xavierNormal_(w)}. */
    public static Tensor xavierNormal_(Tensor t) { return xavierNormal_(t, 1.0); }

    /** Glorot normal: N(0, gain²·2/(fan_in+fan_out)): {@code Init.xavierNormal_(w, 1.0)}. */
    public static Tensor xavierNormal_(Tensor t, double gain) {
        int[] f = fans(t);
        return normal_(t, 0, gain * Math.sqrt(2.0 / (f[0] + f[1])));
    }

    private static int fan(Tensor t, String mode) {
        int[] f = fans(t);
        return switch (mode) {
            case "fan_in" -> f[0];
            case "fan_out" -> f[1];
            default -> throw new IllegalArgumentException("Mode " + mode + " not supported, please use one of fan_in, fan_out");
        };
    }
}
