package dev.autograd4j.nn;

/** PyTorch's {@code _ConvNd.extra_repr} and its tuple printing, shared by the conv and pooling layers. */
final class ConvRepr {
    private ConvRepr() {}

    /** {@code "1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1)"}: defaults are left out as PyTorch does. */
    static String of(int in, int out, int[] kernel, int[] stride, int[] padding, int[] dilation, int groups, boolean bias) {
        StringBuilder sb = new StringBuilder(in + ", " + out + ", kernel_size=" + tuple(kernel) + ", stride=" + tuple(stride));
        if (!allEqual(padding, 0)) sb.append(", padding=").append(tuple(padding));
        if (!allEqual(dilation, 1)) sb.append(", dilation=").append(tuple(dilation));
        if (groups != 1) sb.append(", groups=").append(groups);
        if (!bias) sb.append(", bias=False");
        return sb.toString();
    }

    /** Python's tuple repr: {@code (3, 3)} or {@code (5,)}. */
    static String tuple(int[] v) {
        if (v.length == 1) return "(" + v[0] + ",)";
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < v.length; i++) sb.append(i > 0 ? ", " : "").append(v[i]);
        return sb.append(')').toString();
    }

    /** An int as PyTorch stores it when given an int, else a tuple. */
    static String intOrTuple(int[] v, boolean asInt) { return asInt ? Integer.toString(v[0]) : tuple(v); }

    private static boolean allEqual(int[] v, int x) {
        for (int e : v) if (e != x) return false;
        return true;
    }
}
