package dev.autograd4j.tensor;

import dev.autograd4j.DType;

/**
 * A flat heap array that one or more tensors view through shape, strides and an offset.
 *
 * <p>Exactly one of the arrays is non-null, chosen by the dtype. Storage knows nothing about shapes; views
 * share one Storage object (and, separately, one {@link VersionCounter}).
 */
public final class Storage {
    public final DType dtype;
    public final float[] f;
    public final double[] d;
    public final long[] l;
    public final boolean[] b;
    /**
     * Allocation order, for the engine's proof that a backward formula made a gradient itself (NOTE [Stealing
     * gradients] in autograd/GradOwnership). The counter is deliberately not atomic: a lost increment under a race
     * can only make a fresh gradient look old, which costs a copy, never correctness.
     */
    public final long serial = nextSerial++;
    private static long nextSerial;

    private Storage(DType dtype, float[] f, double[] d, long[] l, boolean[] b) {
        this.dtype = dtype;
        this.f = f;
        this.d = d;
        this.l = l;
        this.b = b;
    }

    /** The serial the next storage will get: storages with {@code serial >= } this were allocated after the call. */
    public static long nextSerial() { return nextSerial; }

    /** New zero-filled storage of {@code n} elements. */
    public static Storage allocate(DType dtype, int n) {
        return switch (dtype) {
            case FLOAT32 -> new Storage(dtype, new float[n], null, null, null);
            case FLOAT64 -> new Storage(dtype, null, new double[n], null, null);
            case INT64 -> new Storage(dtype, null, null, new long[n], null);
            case BOOL -> new Storage(dtype, null, null, null, new boolean[n]);
        };
    }

    /** Wraps an existing float array (no copy). */
    public static Storage of(float[] a) { return new Storage(DType.FLOAT32, a, null, null, null); }

    /** Wraps an existing double array (no copy). */
    public static Storage of(double[] a) { return new Storage(DType.FLOAT64, null, a, null, null); }

    /** Wraps an existing long array (no copy). */
    public static Storage of(long[] a) { return new Storage(DType.INT64, null, null, a, null); }

    /** Wraps an existing boolean array (no copy). */
    public static Storage of(boolean[] a) { return new Storage(DType.BOOL, null, null, null, a); }

    /** Number of elements in the array. */
    public int length() {
        return switch (dtype) {
            case FLOAT32 -> f.length;
            case FLOAT64 -> d.length;
            case INT64 -> l.length;
            case BOOL -> b.length;
        };
    }

    /** Element {@code i} as a double (bool as 0/1). */
    public double get(int i) {
        return switch (dtype) {
            case FLOAT32 -> f[i];
            case FLOAT64 -> d[i];
            case INT64 -> l[i];
            case BOOL -> b[i] ? 1.0 : 0.0;
        };
    }

    /** Element {@code i} as a long (floats truncated toward zero, as a C cast). */
    public long getLong(int i) {
        return switch (dtype) {
            case FLOAT32 -> (long) f[i];
            case FLOAT64 -> (long) d[i];
            case INT64 -> l[i];
            case BOOL -> b[i] ? 1L : 0L;
        };
    }

    /** Stores {@code v} at {@code i}, converted to this storage's dtype. */
    public void set(int i, double v) {
        switch (dtype) {
            case FLOAT32 -> f[i] = (float) v;
            case FLOAT64 -> d[i] = v;
            case INT64 -> l[i] = (long) v;
            case BOOL -> b[i] = v != 0;
        }
    }

    /** Stores the long {@code v} at {@code i}, converted to this storage's dtype. */
    public void setLong(int i, long v) {
        switch (dtype) {
            case FLOAT32 -> f[i] = v;
            case FLOAT64 -> d[i] = v;
            case INT64 -> l[i] = v;
            case BOOL -> b[i] = v != 0;
        }
    }
}
