package dev.autograd4j;

/**
 * The element types a {@link Tensor} can hold, named as PyTorch names them.
 *
 * <pre>{@code Tensor.of(1.0, 2.0).dtype() == DType.FLOAT64}</pre>
 */
public enum DType {
    /** 32-bit float, the default dtype ({@code torch.float32}). */
    FLOAT32("torch.float32", "torch.FloatTensor"),
    /** 64-bit float ({@code torch.float64}). */
    FLOAT64("torch.float64", "torch.DoubleTensor"),
    /** 64-bit signed integer ({@code torch.int64}); the dtype of indices. */
    INT64("torch.int64", "torch.LongTensor"),
    /** Boolean ({@code torch.bool}); the dtype of comparisons and masks. */
    BOOL("torch.bool", "torch.BoolTensor");

    private final String torchName;
    private final String legacyName;

    DType(String torchName, String legacyName) {
        this.torchName = torchName;
        this.legacyName = legacyName;
    }

    /** PyTorch's printed name, e.g. {@code "torch.float64"}. */
    public String torchName() { return torchName; }

    /** PyTorch's legacy tensor type name used in error texts, e.g. {@code "torch.FloatTensor"}. */
    public String legacyName() { return legacyName; }

    /** Whether this dtype is a floating point type, the only kind that may require grad. */
    public boolean isFloatingPoint() { return this == FLOAT32 || this == FLOAT64; }

    /** PyTorch's promotion of two tensor dtypes: bool &lt; int64 &lt; float32 &lt; float64. */
    public static DType promote(DType a, DType b) {
        return a.ordinalRank() >= b.ordinalRank() ? a : b;
    }

    private int ordinalRank() {
        return switch (this) {
            case BOOL -> 0;
            case INT64 -> 1;
            case FLOAT32 -> 2;
            case FLOAT64 -> 3;
        };
    }

    @Override
    public String toString() { return torchName; }
}
