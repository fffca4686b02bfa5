package dev.autograd4j.ops;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;

/**
 * A convolution's input gradient {@code col2im(W^T g)} for a backward that need not be differentiable, a few
 * samples at a time: each chunk's columns are written by the GEMM and summed back by col2im while still in
 * cache, into one reused buffer, instead of a batch-sized column matrix (40 MB for the CNN benchmark's second
 * layer) that is zeroed, written to memory and read back.
 */
public final class ConvolutionInputGrad {
    private ConvolutionInputGrad() {}

    /** Bytes of columns per chunk: well inside a core's share of L2/L3. */
    private static final long CHUNK_BYTES = 1 << 21;

    /**
     * dx [N, C, h, w] from the weight as [O, C*K] and the output gradient as [O, N*L] (groups 1, float32 or float64),
     * equal to {@code col2im(w2^T @ g2)} with the columns in [C*K, N, L] layout.
     */
    public static Tensor of(Tensor w2, Tensor g2, Op.Col2Im geo, int n) {
        DType dt = g2.dtype();
        if (w2.dim() != 2 || g2.dim() != 2 || w2.size(0) != g2.size(0) || w2.dtype() != dt
                || (dt != DType.FLOAT32 && dt != DType.FLOAT64)) {
            throw new IllegalArgumentException("convolution input grad: expected float [O, C*K] and [O, N*L] of one dtype, but got "
                    + dev.autograd4j.tensor.Shapes.str(w2.shape()) + " " + w2.dtype() + " and "
                    + dev.autograd4j.tensor.Shapes.str(g2.shape()) + " " + dt);
        }
        int ck = w2.size(1), k = geo.kh() * geo.kw(), c = ck / k, nl = g2.size(1), l = n == 0 ? 0 : nl / n;
        Tensor dx = Elementwise.empty(dt, new int[]{n, c, geo.h(), geo.w()});
        if (dx.numel() == 0 || l == 0) return dx;
        int per = (int) Math.max(1, Math.min(n, CHUNK_BYTES / ((long) ck * l * (dt == DType.FLOAT32 ? 4 : 8))));
        Tensor a = w2.viewOf(new int[]{ck, w2.size(0)}, new int[]{w2.stride()[1], w2.stride()[0]}, w2.storageOffset());
        Tensor buf = Elementwise.empty(dt, new int[]{ck * per * l});
        int plane = c * geo.h() * geo.w();
        for (int n0 = 0; n0 < n; n0 += per) {
            int nb = Math.min(per, n - n0);
            Tensor b = g2.viewOf(new int[]{g2.size(0), nb * l}, new int[]{g2.stride()[0], g2.stride()[1]},
                    g2.storageOffset() + n0 * l * g2.stride()[1]);
            Tensor cols = buf.viewOf(new int[]{ck, nb * l}, new int[]{nb * l, 1}, 0);
            LinAlg.gemmInto(a, b, cols, false);
            // The chunk's [C*K, nb, L] columns as [nb, C*K, L].
            Tensor view = buf.viewOf(new int[]{nb, ck, l}, new int[]{l, nb * l, 1}, 0);
            Windowed.col2imInto(view, geo, dx.storage(), n0 * plane);
        }
        return dx;
    }
}
