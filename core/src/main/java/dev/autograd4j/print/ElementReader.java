package dev.autograd4j.print;

/**
 * Reads element {@code i} of a tensor in row-major (C) order, so that {@link TensorFormatter} never needs the
 * tensor class itself.
 *
 * <p>The formatter calls {@link #valueAt(long)} for {@code FLOAT32}/{@code FLOAT64} tensors and {@link #longAt(long)}
 * for {@code INT64}/{@code BOOL} tensors (for {@code BOOL}, any non-zero value means {@code True}).
 *
 * <pre>{@code
 * ElementReader r = ElementReader.ofDoubles(1.0, 2.5);
 * r.valueAt(1);   // 2.5
 * }</pre>
 */
public interface ElementReader {

    /**
     * Returns the floating-point element at {@code flatIndex}; for {@code FLOAT32} this is the float widened to double.
     *
     * <pre>{@code ElementReader.ofFloats(0.1f).valueAt(0) == (double) 0.1f}</pre>
     */
    double valueAt(long flatIndex);

    /**
     * Returns the integer element at {@code flatIndex} (for {@code BOOL}: 1 for true, 0 for false).
     *
     * <pre>{@code ElementReader.ofLongs(7, 8).longAt(1) == 8}</pre>
     */
    long longAt(long flatIndex);

    /**
     * A reader over a {@code double[]} (its {@code longAt} truncates), handy for {@code FLOAT64} data and tests.
     *
     * <pre>{@code TensorFormatter.format(new int[]{2}, DType.FLOAT64, ElementReader.ofDoubles(1, 2), List.of())}</pre>
     */
    static ElementReader ofDoubles(double... values) {
        return new ElementReader() {
            @Override public double valueAt(long i) { return values[Math.toIntExact(i)]; }
            @Override public long longAt(long i) { return (long) values[Math.toIntExact(i)]; }
        };
    }

    /**
     * A reader over a {@code float[]} whose {@code valueAt} widens each float exactly to double.
     *
     * <pre>{@code TensorFormatter.format(new int[]{2}, DType.FLOAT32, ElementReader.ofFloats(1e-4f, 1f), List.of())}</pre>
     */
    static ElementReader ofFloats(float... values) {
        return new ElementReader() {
            @Override public double valueAt(long i) { return values[Math.toIntExact(i)]; }
            @Override public long longAt(long i) { return (long) values[Math.toIntExact(i)]; }
        };
    }

    /**
     * A reader over a {@code long[]}, for {@code INT64} (or {@code BOOL} as 0/1) data.
     *
     * <pre>{@code TensorFormatter.format(new int[]{2}, DType.INT64, ElementReader.ofLongs(1, 2), List.of())}</pre>
     */
    static ElementReader ofLongs(long... values) {
        return new ElementReader() {
            @Override public double valueAt(long i) { return values[Math.toIntExact(i)]; }
            @Override public long longAt(long i) { return values[Math.toIntExact(i)]; }
        };
    }

    /**
     * A reader over a {@code boolean[]}, reporting true as 1 and false as 0.
     *
     * <pre>{@code TensorFormatter.format(new int[]{2}, DType.BOOL, ElementReader.ofBooleans(true, false), List.of())}</pre>
     */
    static ElementReader ofBooleans(boolean... values) {
        return new ElementReader() {
            @Override public double valueAt(long i) { return values[Math.toIntExact(i)] ? 1 : 0; }
            @Override public long longAt(long i) { return values[Math.toIntExact(i)] ? 1 : 0; }
        };
    }
}
