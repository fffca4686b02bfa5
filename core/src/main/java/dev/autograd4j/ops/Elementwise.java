package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.kernel.KernelProvider;
import dev.autograd4j.kernel.Kernels;
import dev.autograd4j.kernel.Kernels.BinaryOp;
import dev.autograd4j.kernel.Kernels.UnaryOp;
import dev.autograd4j.kernel.ScalarOps;
import dev.autograd4j.tensor.Shapes;
import dev.autograd4j.tensor.Storage;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Forward computation of elementwise ops: dtype promotion, broadcasting, and reduction of any layout to
 * contiguous kernel rows (see {@link Loops}).
 */
public final class Elementwise {
    private static final Kernels K = KernelProvider.kernels();

    private Elementwise() {}

    /** A fresh contiguous tensor of the given dtype and shape (zero-filled). */
    public static Tensor empty(DType dtype, int[] shape) {
        return Tensor.wrap(Storage.allocate(dtype, Shapes.numel(shape)), shape.clone());
    }

    /**
     * PyTorch's result type of a binary op: dims-carrying tensors win over 0-dim ones of the same category
     * (bool &lt; integer &lt; float); a 0-dim float with an integer tensor gives the default float32.
     */
    public static DType resultType(Tensor a, Tensor b) {
        boolean za = a.dim() == 0, zb = b.dim() == 0;
        if (za == zb) return DType.promote(a.dtype(), b.dtype());
        Tensor dimmed = za ? b : a, zero = za ? a : b;
        if (category(zero.dtype()) > category(dimmed.dtype())) {
            return zero.dtype() == DType.INT64 ? DType.INT64 : (zero.dtype().isFloatingPoint() ? DType.FLOAT32 : zero.dtype());
        }
        return dimmed.dtype();
    }

    /** The result type of a binary op that always produces floats (true division, xlogy, atan2). */
    public static DType floatResultType(Tensor a, Tensor b) {
        DType dt = resultType(a, b);
        return dt.isFloatingPoint() ? dt : DType.FLOAT32;
    }

    private static int category(DType d) {
        return switch (d) {
            case BOOL -> 0;
            case INT64 -> 1;
            case FLOAT32, FLOAT64 -> 2;
        };
    }

    /** {@code a op b} with broadcasting into a new tensor of the promoted dtype. */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        // Fast path: same float dtype, same shape, both contiguous: one kernel call, no iteration machinery.
        DType ad = a.dtype();
        if (ad == b.dtype() && ad.isFloatingPoint() && a.isContiguous() && b.isContiguous()
                && java.util.Arrays.equals(a.shapeView(), b.shapeView())) {
            Tensor out = empty(ad, a.shapeView());
            int n = out.numel();
            if (ad == DType.FLOAT32) K.binary(op, a.storage().f, a.storageOffset(), b.storage().f, b.storageOffset(), out.storage().f, 0, n);
            else K.binary(op, a.storage().d, a.storageOffset(), b.storage().d, b.storageOffset(), out.storage().d, 0, n);
            return out;
        }
        DType dt = resultType(a, b);
        if (!dt.isFloatingPoint() && (op == BinaryOp.DIV || op == BinaryOp.ATAN2)) dt = DType.FLOAT32;
        if (dt == DType.BOOL) dt = DType.INT64;
        int[] shape = Shapes.broadcast(a.shape(), b.shape());
        Tensor out = empty(dt, shape);
        binaryInto(op, cast(a, dt), cast(b, dt), out);
        return out;
    }

    /** {@code out = a op b} where a, b and out share out's dtype and a, b broadcast to out's shape. */
    static void binaryInto(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        int[] shape = out.shape();
        int[][] st = {Loops.broadcastStrides(a.shape(), a.stride(), shape),
                Loops.broadcastStrides(b.shape(), b.stride(), shape), out.stride()};
        int[] offs = {a.storageOffset(), b.storageOffset(), out.storageOffset()};
        Storage sa = a.storage(), sb = b.storage(), so = out.storage();
        switch (out.dtype()) {
            case FLOAT32 -> Loops.forEachRow(shape, st, offs, (off, s, n) -> {
                float[] x = sa.f, y = sb.f, o = so.f;
                if (s[2] == 1 && s[0] == 1 && s[1] == 1) K.binary(op, x, off[0], y, off[1], o, off[2], n);
                else if (s[2] == 1 && s[0] == 1 && s[1] == 0) K.binaryScalar(op, x, off[0], y[off[1]], o, off[2], n);
                else if (s[2] == 1 && s[0] == 0 && s[1] == 1) K.scalarBinary(op, x[off[0]], y, off[1], o, off[2], n);
                else for (int i = 0; i < n; i++) o[off[2] + i * s[2]] = ScalarOps.apply(op, x[off[0] + i * s[0]], y[off[1] + i * s[1]]);
            });
            case FLOAT64 -> Loops.forEachRow(shape, st, offs, (off, s, n) -> {
                double[] x = sa.d, y = sb.d, o = so.d;
                if (s[2] == 1 && s[0] == 1 && s[1] == 1) K.binary(op, x, off[0], y, off[1], o, off[2], n);
                else if (s[2] == 1 && s[0] == 1 && s[1] == 0) K.binaryScalar(op, x, off[0], y[off[1]], o, off[2], n);
                else if (s[2] == 1 && s[0] == 0 && s[1] == 1) K.scalarBinary(op, x[off[0]], y, off[1], o, off[2], n);
                else for (int i = 0; i < n; i++) o[off[2] + i * s[2]] = ScalarOps.apply(op, x[off[0] + i * s[0]], y[off[1] + i * s[1]]);
            });
            case INT64, BOOL -> Loops.forEachRow(shape, st, offs, (off, s, n) -> {
                for (int i = 0; i < n; i++) {
                    long x = sa.getLong(off[0] + i * s[0]), y = sb.getLong(off[1] + i * s[1]);
                    so.setLong(off[2] + i * s[2], longOp(op, x, y));
                }
            });
        }
    }

    private static long longOp(BinaryOp op, long x, long y) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> {
                if (y == 0) throw new ArithmeticException("ZeroDivisionError");
                yield Math.floorDiv(x, y);
            }
            case POW -> (long) Math.pow(x, y);
            case MAXIMUM -> Math.max(x, y);
            case MINIMUM -> Math.min(x, y);
            case ATAN2 -> (long) Math.atan2(x, y);
        };
    }

    /** {@code x op s} (or {@code s op x}) with a Java scalar, which never changes a float tensor's dtype. */
    public static Tensor scalar(Op.ScalarKind kind, Tensor x, double s) {
        DType dt = x.dtype();
        if (dt.isFloatingPoint() && x.isContiguous()) {
            Tensor out = empty(dt, x.shapeView());
            scalarContiguous(kind, x, s, out);
            return out;
        }
        boolean integral = s == Math.rint(s) && !Double.isInfinite(s);
        if (!dt.isFloatingPoint()) {
            boolean needsFloat = kind == Op.ScalarKind.DIV || kind == Op.ScalarKind.RDIV || !integral
                    || (kind == Op.ScalarKind.POW && s < 0) || kind == Op.ScalarKind.RPOW;
            dt = needsFloat ? DType.FLOAT32 : DType.INT64;
        }
        Tensor out = empty(dt, x.shape());
        scalarInto(kind, cast(x, dt), s, out);
        return out;
    }

    private static void scalarContiguous(Op.ScalarKind kind, Tensor x, double s, Tensor out) {
        BinaryOp op = binaryOf(kind);
        boolean reversed = kind == Op.ScalarKind.RSUB || kind == Op.ScalarKind.RDIV || kind == Op.ScalarKind.RPOW;
        int n = out.numel();
        if (out.dtype() == DType.FLOAT32) {
            if (reversed) K.scalarBinary(op, (float) s, x.storage().f, x.storageOffset(), out.storage().f, 0, n);
            else K.binaryScalar(op, x.storage().f, x.storageOffset(), (float) s, out.storage().f, 0, n);
        } else {
            if (reversed) K.scalarBinary(op, s, x.storage().d, x.storageOffset(), out.storage().d, 0, n);
            else K.binaryScalar(op, x.storage().d, x.storageOffset(), s, out.storage().d, 0, n);
        }
    }

    private static BinaryOp binaryOf(Op.ScalarKind kind) {
        return switch (kind) {
            case ADD, RSUB -> kind == Op.ScalarKind.ADD ? BinaryOp.ADD : BinaryOp.SUB;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV, RDIV -> BinaryOp.DIV;
            case POW, RPOW -> BinaryOp.POW;
        };
    }

    static void scalarInto(Op.ScalarKind kind, Tensor x, double s, Tensor out) {
        BinaryOp op = switch (kind) {
            case ADD -> BinaryOp.ADD;
            case SUB -> BinaryOp.SUB;
            case MUL -> BinaryOp.MUL;
            case DIV -> BinaryOp.DIV;
            case RSUB -> BinaryOp.SUB;
            case RDIV -> BinaryOp.DIV;
            case POW -> BinaryOp.POW;
            case RPOW -> BinaryOp.POW;
        };
        boolean reversed = kind == Op.ScalarKind.RSUB || kind == Op.ScalarKind.RDIV || kind == Op.ScalarKind.RPOW;
        int[] shape = out.shape();
        int[][] st = {x.stride(), out.stride()};
        int[] offs = {x.storageOffset(), out.storageOffset()};
        Storage sx = x.storage(), so = out.storage();
        switch (out.dtype()) {
            case FLOAT32 -> {
                float fs = (float) s;
                Loops.forEachRow(shape, st, offs, (off, str, n) -> {
                    if (str[0] == 1 && str[1] == 1) {
                        if (reversed) K.scalarBinary(op, fs, sx.f, off[0], so.f, off[1], n);
                        else K.binaryScalar(op, sx.f, off[0], fs, so.f, off[1], n);
                    } else {
                        for (int i = 0; i < n; i++) {
                            float v = sx.f[off[0] + i * str[0]];
                            so.f[off[1] + i * str[1]] = reversed ? ScalarOps.apply(op, fs, v) : ScalarOps.apply(op, v, fs);
                        }
                    }
                });
            }
            case FLOAT64 -> Loops.forEachRow(shape, st, offs, (off, str, n) -> {
                if (str[0] == 1 && str[1] == 1) {
                    if (reversed) K.scalarBinary(op, s, sx.d, off[0], so.d, off[1], n);
                    else K.binaryScalar(op, sx.d, off[0], s, so.d, off[1], n);
                } else {
                    for (int i = 0; i < n; i++) {
                        double v = sx.d[off[0] + i * str[0]];
                        so.d[off[1] + i * str[1]] = reversed ? ScalarOps.apply(op, s, v) : ScalarOps.apply(op, v, s);
                    }
                }
            });
            case INT64, BOOL -> Loops.forEachRow(shape, st, offs, (off, str, n) -> {
                for (int i = 0; i < n; i++) {
                    long v = sx.getLong(off[0] + i * str[0]);
                    so.setLong(off[1] + i * str[1], reversed ? longOp(op, (long) s, v) : longOp(op, v, (long) s));
                }
            });
        }
    }

    /** {@code fn(x)} elementwise; integer inputs of float-valued functions are computed in float32. */
    public static Tensor unary(UnaryOp fn, Tensor x) {
        DType dt = x.dtype();
        if (dt.isFloatingPoint() && x.isContiguous()) {
            Tensor out = empty(dt, x.shapeView());
            if (dt == DType.FLOAT32) K.unary(fn, x.storage().f, x.storageOffset(), out.storage().f, 0, out.numel());
            else K.unary(fn, x.storage().d, x.storageOffset(), out.storage().d, 0, out.numel());
            return out;
        }
        if (!dt.isFloatingPoint()) {
            switch (fn) {
                case NEG, ABS, SIGN, FLOOR, CEIL, ROUND, TRUNC, RELU, SQUARE -> {
                    Tensor out = empty(dt == DType.BOOL ? DType.INT64 : dt, x.shape());
                    map(x, out, v -> ScalarOps.apply(fn, v));
                    return out;
                }
                default -> dt = DType.FLOAT32;
            }
        }
        Tensor out = empty(dt, x.shape());
        unaryInto(fn, cast(x, dt), out);
        return out;
    }

    static void unaryInto(UnaryOp fn, Tensor x, Tensor out) {
        int[][] st = {x.stride(), out.stride()};
        int[] offs = {x.storageOffset(), out.storageOffset()};
        Storage sx = x.storage(), so = out.storage();
        switch (out.dtype()) {
            case FLOAT32 -> Loops.forEachRow(out.shape(), st, offs, (off, s, n) -> {
                if (s[0] == 1 && s[1] == 1) K.unary(fn, sx.f, off[0], so.f, off[1], n);
                else for (int i = 0; i < n; i++) so.f[off[1] + i * s[1]] = ScalarOps.apply(fn, sx.f[off[0] + i * s[0]]);
            });
            case FLOAT64 -> Loops.forEachRow(out.shape(), st, offs, (off, s, n) -> {
                if (s[0] == 1 && s[1] == 1) K.unary(fn, sx.d, off[0], so.d, off[1], n);
                else for (int i = 0; i < n; i++) so.d[off[1] + i * s[1]] = ScalarOps.apply(fn, sx.d[off[0] + i * s[0]]);
            });
            case INT64, BOOL -> map(x, out, v -> ScalarOps.apply(fn, v));
        }
    }

    /** {@code out[i] = f(x[i])} computed in double, for ops without a dedicated kernel. */
    public static void map(Tensor x, Tensor out, DoubleUnaryOperator f) {
        int[][] st = {x.stride(), out.stride()};
        int[] offs = {x.storageOffset(), out.storageOffset()};
        Storage sx = x.storage(), so = out.storage();
        if (so.dtype == DType.FLOAT32 && sx.dtype == DType.FLOAT32) {
            Loops.forEachRow(out.shape(), st, offs, (off, s, n) -> {
                for (int i = 0; i < n; i++) so.f[off[1] + i * s[1]] = (float) f.applyAsDouble(sx.f[off[0] + i * s[0]]);
            });
        } else {
            Loops.forEachRow(out.shape(), st, offs, (off, s, n) -> {
                for (int i = 0; i < n; i++) so.set(off[1] + i * s[1], f.applyAsDouble(sx.get(off[0] + i * s[0])));
            });
        }
    }

    /** {@code f(x)} into a new tensor of x's (float) dtype. */
    public static Tensor map(Tensor x, DoubleUnaryOperator f) {
        DType dt = x.dtype().isFloatingPoint() ? x.dtype() : DType.FLOAT32;
        Tensor out = empty(dt, x.shape());
        map(x, out, f);
        return out;
    }

    /** {@code f(a, b)} with broadcasting into a new tensor of dtype {@code dt}, computed in double. */
    public static Tensor zip(Tensor a, Tensor b, DType dt, DoubleBinaryOperator f) {
        int[] shape = Shapes.broadcast(a.shape(), b.shape());
        Tensor out = empty(dt, shape);
        int[][] st = {Loops.broadcastStrides(a.shape(), a.stride(), shape),
                Loops.broadcastStrides(b.shape(), b.stride(), shape), out.stride()};
        int[] offs = {a.storageOffset(), b.storageOffset(), out.storageOffset()};
        Storage sa = a.storage(), sb = b.storage(), so = out.storage();
        Loops.forEachRow(shape, st, offs, (off, s, n) -> {
            for (int i = 0; i < n; i++) {
                so.set(off[2] + i * s[2], f.applyAsDouble(sa.get(off[0] + i * s[0]), sb.get(off[1] + i * s[1])));
            }
        });
        return out;
    }

    /** {@code where(cond, a, b)} with three-way broadcasting. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        DType dt = resultType(a, b);
        int[] shape = Shapes.broadcast(Shapes.broadcast(cond.shape(), a.shape()), b.shape());
        Tensor out = empty(dt, shape);
        Tensor ca = cast(a, dt), cb = cast(b, dt);
        if (dt == DType.FLOAT32 && denseOrOne(cond, shape) == 1 && denseOrOne(ca, shape) > 0 && denseOrOne(cb, shape) > 0) {
            whereFloats(cond, ca, cb, out);
            return out;
        }
        int[][] st = {Loops.broadcastStrides(cond.shape(), cond.stride(), shape),
                Loops.broadcastStrides(a.shape(), ca.stride(), shape),
                Loops.broadcastStrides(b.shape(), cb.stride(), shape), out.stride()};
        int[] offs = {cond.storageOffset(), ca.storageOffset(), cb.storageOffset(), out.storageOffset()};
        Storage sc = cond.storage(), sa = ca.storage(), sb = cb.storage(), so = out.storage();
        Loops.forEachRow(shape, st, offs, (off, s, n) -> {
            for (int i = 0; i < n; i++) {
                boolean c = sc.b[off[0] + i * s[0]];
                so.set(off[3] + i * s[3], c ? sa.get(off[1] + i * s[1]) : sb.get(off[2] + i * s[2]));
            }
        });
        return out;
    }

    /**
     * {@code y <= threshold ? 0 : g} in one pass for dense float32 g and y of one shape (ReLU's backward, not
     * recorded); null, having done nothing, for anything else.
     */
    public static Tensor thresholdBackward(Tensor g, Tensor y, float threshold) {
        if (g.dtype() != DType.FLOAT32 || y.dtype() != DType.FLOAT32 || !g.isContiguous() || !y.isContiguous()
                || !java.util.Arrays.equals(g.shape(), y.shape())) {
            return null;
        }
        Tensor out = empty(DType.FLOAT32, g.shape());
        K.thresholdBackward(g.storage().f, g.storageOffset(), y.storage().f, y.storageOffset(), threshold,
                out.storage().f, 0, out.numel());
        return out;
    }

    /** 1 when t is contiguous with exactly this shape, 2 when it holds a single element, 0 otherwise. */
    private static int denseOrOne(Tensor t, int[] shape) {
        if (t.isContiguous() && java.util.Arrays.equals(t.shape(), shape)) return 1;
        return t.numel() == 1 ? 2 : 0;
    }

    /**
     * The dense float32 case of {@link #where} (ReLU's backward, {@code where(out <= 0, 0, g)}, runs it every step):
     * plain loops instead of a per-element lambda through double; a single-element a or b is read once.
     */
    private static void whereFloats(Tensor cond, Tensor a, Tensor b, Tensor out) {
        boolean[] c = cond.storage().b;
        float[] o = out.storage().f;
        int co = cond.storageOffset(), n = out.numel();
        float[] fa = a.storage().f, fb = b.storage().f;
        int ao = a.storageOffset(), bo = b.storageOffset();
        boolean aOne = a.numel() == 1 && n != 1, bOne = b.numel() == 1 && n != 1;
        // Branch-free selects on the float bits: ReLU's condition is a coin flip per element, and the branchy loops
        // mispredicted about half the time.
        if (aOne && !bOne) {
            int va = Float.floatToRawIntBits(fa[ao]);
            for (int i = 0; i < n; i++) {
                int m = -(c[co + i] ? 1 : 0);
                o[i] = Float.intBitsToFloat((va & m) | (Float.floatToRawIntBits(fb[bo + i]) & ~m));
            }
        } else if (bOne && !aOne) {
            int vb = Float.floatToRawIntBits(fb[bo]);
            for (int i = 0; i < n; i++) {
                int m = -(c[co + i] ? 1 : 0);
                o[i] = Float.intBitsToFloat((Float.floatToRawIntBits(fa[ao + i]) & m) | (vb & ~m));
            }
        } else if (aOne) {
            float va = fa[ao], vb = fb[bo];
            for (int i = 0; i < n; i++) o[i] = c[co + i] ? va : vb;
        } else {
            for (int i = 0; i < n; i++) {
                int m = -(c[co + i] ? 1 : 0);
                o[i] = Float.intBitsToFloat((Float.floatToRawIntBits(fa[ao + i]) & m)
                        | (Float.floatToRawIntBits(fb[bo + i]) & ~m));
            }
        }
    }

    /** x in dtype dt: x itself when it already has it, else a contiguous converted copy (not recorded). */
    public static Tensor cast(Tensor x, DType dt) {
        if (x.dtype() == dt) return x;
        Tensor out = empty(dt, x.shape());
        copyInto(x, out);
        return out;
    }

    /** Copies x (broadcast to out's shape, converted to out's dtype) into out, which may be a strided view. */
    public static void copyInto(Tensor x, Tensor out) {
        int[] shape = out.shape();
        int[][] st = {Loops.broadcastStrides(x.shape(), x.stride(), shape), out.stride()};
        int[] offs = {x.storageOffset(), out.storageOffset()};
        Storage sx = x.storage(), so = out.storage();
        if (sx.dtype == so.dtype && sx.dtype == DType.FLOAT32) {
            Loops.forEachRow(shape, st, offs, (off, s, n) -> {
                if (s[0] == 1 && s[1] == 1) System.arraycopy(sx.f, off[0], so.f, off[1], n);
                else for (int i = 0; i < n; i++) so.f[off[1] + i * s[1]] = sx.f[off[0] + i * s[0]];
            });
        } else if (sx.dtype == so.dtype && sx.dtype == DType.FLOAT64) {
            Loops.forEachRow(shape, st, offs, (off, s, n) -> {
                if (s[0] == 1 && s[1] == 1) System.arraycopy(sx.d, off[0], so.d, off[1], n);
                else for (int i = 0; i < n; i++) so.d[off[1] + i * s[1]] = sx.d[off[0] + i * s[0]];
            });
        } else if (so.dtype == DType.INT64 || so.dtype == DType.BOOL) {
            Loops.forEachRow(shape, st, offs, (off, s, n) -> {
                for (int i = 0; i < n; i++) so.setLong(off[1] + i * s[1], sx.dtype.isFloatingPoint()
                        ? (so.dtype == DType.BOOL ? (sx.get(off[0] + i * s[0]) != 0 ? 1 : 0) : (long) sx.get(off[0] + i * s[0]))
                        : sx.getLong(off[0] + i * s[0]));
            });
        } else {
            Loops.forEachRow(shape, st, offs, (off, s, n) -> {
                for (int i = 0; i < n; i++) so.set(off[1] + i * s[1], sx.get(off[0] + i * s[0]));
            });
        }
    }

    /** A contiguous copy of x with its own storage. */
    public static Tensor contiguousCopy(Tensor x) {
        if (x.isContiguous() && x.dtype() == DType.FLOAT32) {
            // Arrays.copyOfRange allocates without zero-filling first (the JIT fuses the allocation and the copy).
            int o = x.storageOffset();
            return Tensor.wrap(Storage.of(java.util.Arrays.copyOfRange(x.storage().f, o, o + x.numel())), x.shape());
        }
        if (x.isContiguous() && x.dtype() == DType.FLOAT64) {
            int o = x.storageOffset();
            return Tensor.wrap(Storage.of(java.util.Arrays.copyOfRange(x.storage().d, o, o + x.numel())), x.shape());
        }
        Tensor out = empty(x.dtype(), x.shape());
        copyInto(x, out);
        return out;
    }

    /** x itself when contiguous, else a contiguous copy (not recorded). */
    public static Tensor contiguous(Tensor x) {
        return x.isContiguous() ? x : contiguousCopy(x);
    }
}
