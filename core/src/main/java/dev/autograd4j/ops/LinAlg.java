package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.kernel.KernelProvider;
import dev.autograd4j.kernel.Kernels;

/** Forward computation of mm, mv, dot, bmm and addmm over the GEMM kernel, reading transposed views without copies. */
final class LinAlg {
    private static final Kernels K = KernelProvider.kernels();

    private LinAlg() {}

    /** A 2-D operand as the GEMM kernel wants it: row-major with a leading dim, or transposed, or copied. */
    private record Operand(Tensor t, boolean trans, int ld) {
        static Operand of(Tensor m, int rowStride, int colStride, int rows, int cols) {
            // The leading dimension must really separate rows (or columns): an expanded operand (stride 0) is copied.
            if ((colStride == 1 || cols <= 1) && (rows <= 1 || rowStride >= Math.max(cols, 1))) {
                return new Operand(m, false, rows <= 1 ? Math.max(cols, 1) : rowStride);
            }
            if ((rowStride == 1 || rows <= 1) && (cols <= 1 || colStride >= Math.max(rows, 1))) {
                return new Operand(m, true, cols <= 1 ? Math.max(rows, 1) : colStride);
            }
            return null;
        }
    }

    private static Operand operand(Tensor m) {
        int[] st = m.stride();
        Operand op = Operand.of(m, st[0], st[1], m.size(0), m.size(1));
        if (op != null) return op;
        Tensor c = Elementwise.contiguousCopy(m);
        return new Operand(c, false, Math.max(c.size(1), 1));
    }

    private static String dtypeName(DType d) {
        return switch (d) {
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            case INT64 -> "long int";
            case BOOL -> "bool";
        };
    }

    private static void sameDtype(Tensor a, Tensor b, String what) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("expected " + what + " to have the same dtype, but got: "
                    + dtypeName(a.dtype()) + " != " + dtypeName(b.dtype()));
        }
    }

    static Tensor mm(Tensor a, Tensor b) {
        if (a.dim() != 2) throw new IllegalArgumentException("self must be a matrix");
        if (b.dim() != 2) throw new IllegalArgumentException("mat2 must be a matrix");
        if (a.size(1) != b.size(0)) {
            throw new IllegalArgumentException("mat1 and mat2 shapes cannot be multiplied (" + a.size(0) + "x" + a.size(1)
                    + " and " + b.size(0) + "x" + b.size(1) + ")");
        }
        sameDtype(a, b, "mat1 and mat2");
        Tensor out = Elementwise.empty(a.dtype(), new int[]{a.size(0), b.size(1)});
        gemmInto(a, b, out, false);
        return out;
    }

    /** {@code out (+)= a @ b} for 2-D tensors of one dtype; out is contiguous. */
    static void gemmInto(Tensor a, Tensor b, Tensor out, boolean accumulate) {
        int m = a.size(0), k = a.size(1), n = b.size(1);
        if (m == 0 || n == 0) return;
        if (a.dtype() == DType.INT64 || a.dtype() == DType.BOOL) {
            Tensor r = mm(Elementwise.cast(a, DType.FLOAT64), Elementwise.cast(b, DType.FLOAT64));
            Elementwise.copyInto(r, out);
            return;
        }
        Operand oa = operand(a), ob = operand(b);
        if (out.dtype() == DType.FLOAT32) {
            K.gemm(oa.trans(), ob.trans(), m, n, k, oa.t().storage().f, oa.t().storageOffset(), oa.ld(),
                    ob.t().storage().f, ob.t().storageOffset(), ob.ld(), out.storage().f, out.storageOffset(), n, accumulate);
        } else {
            K.gemm(oa.trans(), ob.trans(), m, n, k, oa.t().storage().d, oa.t().storageOffset(), oa.ld(),
                    ob.t().storage().d, ob.t().storageOffset(), ob.ld(), out.storage().d, out.storageOffset(), n, accumulate);
        }
    }

    static Tensor mv(Tensor a, Tensor v) {
        if (a.dim() != 2 || v.dim() != 1) {
            throw new IllegalArgumentException("vector + matrix @ vector expected, got " + a.dim() + ", " + v.dim());
        }
        if (a.size(1) != v.size(0)) {
            throw new IllegalArgumentException("size mismatch, got input (" + a.size(0) + "), mat (" + a.size(0) + "x"
                    + a.size(1) + "), vec (" + v.size(0) + ")");
        }
        sameDtype(a, v, "mat1 and mat2");
        Tensor col = v.viewOf(new int[]{v.size(0), 1}, new int[]{v.stride()[0], 1}, v.storageOffset());
        Tensor out = Elementwise.empty(a.dtype(), new int[]{a.size(0), 1});
        gemmInto(a, col, out, false);
        return out.viewOf(new int[]{a.size(0)}, new int[]{1}, 0);
    }

    static Tensor dot(Tensor a, Tensor b) {
        if (a.dim() != 1 || b.dim() != 1) {
            throw new IllegalArgumentException("1D tensors expected, but got " + a.dim() + "D and " + b.dim() + "D tensors");
        }
        if (a.numel() != b.numel()) {
            throw new IllegalArgumentException("inconsistent tensor size, expected tensor [" + a.numel()
                    + "] and src [" + b.numel() + "] to have the same number of elements, but got " + a.numel() + " and "
                    + b.numel() + " elements respectively");
        }
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException("dot : expected both vectors to have same dtype, but found "
                    + dtypeName(a.dtype()).substring(0, 1).toUpperCase() + dtypeName(a.dtype()).substring(1) + " and "
                    + dtypeName(b.dtype()).substring(0, 1).toUpperCase() + dtypeName(b.dtype()).substring(1));
        }
        Tensor row = a.viewOf(new int[]{1, a.size(0)}, new int[]{1, a.stride()[0]}, a.storageOffset());
        Tensor col = b.viewOf(new int[]{b.size(0), 1}, new int[]{b.stride()[0], 1}, b.storageOffset());
        Tensor out = Elementwise.empty(a.dtype(), new int[]{1, 1});
        gemmInto(row, col, out, false);
        return out.viewOf(new int[0], new int[0], 0);
    }

    static Tensor bmm(Tensor a, Tensor b) {
        if (a.dim() != 3) throw new IllegalArgumentException("batch1 must be a 3D tensor");
        if (b.dim() != 3) throw new IllegalArgumentException("batch2 must be a 3D tensor");
        if (a.size(0) != b.size(0) || a.size(2) != b.size(1)) {
            throw new IllegalArgumentException("Expected size for first two dimensions of batch2 tensor to be: ["
                    + a.size(0) + ", " + a.size(2) + "] but got: [" + b.size(0) + ", " + b.size(1) + "].");
        }
        sameDtype(a, b, "batch1 and batch2");
        int bs = a.size(0), m = a.size(1), n = b.size(2);
        Tensor out = Elementwise.empty(a.dtype(), new int[]{bs, m, n});
        int[] sa = a.stride(), sb = b.stride();
        for (int i = 0; i < bs; i++) {
            Tensor ai = a.viewOf(new int[]{m, a.size(2)}, new int[]{sa[1], sa[2]}, a.storageOffset() + i * sa[0]);
            Tensor bi = b.viewOf(new int[]{b.size(1), n}, new int[]{sb[1], sb[2]}, b.storageOffset() + i * sb[0]);
            Tensor oi = out.viewOf(new int[]{m, n}, new int[]{n, 1}, i * m * n);
            gemmInto(ai, bi, oi, false);
        }
        return out;
    }

    /** {@code bias + x @ w} with bias broadcast over the rows. */
    static Tensor addmm(Tensor bias, Tensor x, Tensor w) {
        Tensor out = mm(x, w);
        if (bias.dtype() != out.dtype()) sameDtype(bias, out, "self and mat2");
        Shapes_check(bias, out);
        Elementwise.binaryInto(Kernels.BinaryOp.ADD, out, bias, out);
        return out;
    }

    private static void Shapes_check(Tensor bias, Tensor out) {
        int[] b = dev.autograd4j.tensor.Shapes.broadcast(bias.shape(), out.shape());
        if (!java.util.Arrays.equals(b, out.shape())) {
            throw new IllegalArgumentException("The expanded size of the tensor (" + out.size(-1) + ") must match the "
                    + "existing size (" + bias.size(-1) + ") at non-singleton dimension 1");
        }
    }
}
