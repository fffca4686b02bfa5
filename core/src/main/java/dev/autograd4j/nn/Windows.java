package dev.autograd4j.nn;

import dev.autograd4j.Tensor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Convolution and pooling built from differentiable primitives (so their gradients come from the derivative table).
 *
 * <p>NOTE [Sliding windows]: the padded input is laid out spatial-first as [Hp*Wp, N*C] (one copy), then a single
 * {@code indexSelect} along dim 0 gathers every window position as a contiguous row: [Ho*Wo*K, N*C] with
 * K = kh*kw. A convolution turns that into one [N*Ho*Wo, C*K] @ [C*K, O] matrix product (fused with the bias as
 * addmm); pooling reduces over the K axis. The backward of indexSelect adds the window gradients back into place.
 */
final class Windows {
    private Windows() {}

    /** The geometry of one sliding-window pass over an [N, C, H, W] input. */
    record Geometry(int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        int hp() { return h + 2 * ph; }
        int wp() { return w + 2 * pw; }
        int ho() { return (hp() - dh * (kh - 1) - 1) / sh + 1; }
        int wo() { return (wp() - dw * (kw - 1) - 1) / sw + 1; }
    }

    private static final Map<Geometry, Tensor> INDEX_CACHE = new ConcurrentHashMap<>();

    /** Row indices into the [Hp*Wp] plane, ordered (oh, ow, i, j); cached per geometry. */
    private static Tensor index(Geometry g) {
        return INDEX_CACHE.computeIfAbsent(g, k -> {
            int ho = k.ho(), wo = k.wo();
            long[] idx = new long[ho * wo * k.kh() * k.kw()];
            int n = 0;
            for (int oh = 0; oh < ho; oh++) {
                for (int ow = 0; ow < wo; ow++) {
                    for (int i = 0; i < k.kh(); i++) {
                        for (int j = 0; j < k.kw(); j++) {
                            idx[n++] = (long) (oh * k.sh() + i * k.dh()) * k.wp() + (ow * k.sw() + j * k.dw());
                        }
                    }
                }
            }
            return Tensor.of(idx);
        });
    }

    /** Pads the last two dims of [N, C, H, W] with a constant. */
    static Tensor pad2d(Tensor x, int ph, int pw, double value) {
        Tensor r = x;
        int n = x.size(0), c = x.size(1);
        if (pw > 0) {
            Tensor side = Tensor.full(value, x.dtype(), n, c, r.size(2), pw);
            r = Tensor.cat(List.of(side, r, side), 3);
        }
        if (ph > 0) {
            Tensor side = Tensor.full(value, x.dtype(), n, c, ph, r.size(3));
            r = Tensor.cat(List.of(side, r, side), 2);
        }
        return r;
    }

    /** Every window of a 4-D input as rows: [Ho*Wo, K, N*C]. */
    static Tensor windows(Tensor x, Geometry g, double padValue) {
        int n = x.size(0), c = x.size(1);
        if (g.ho() <= 0 || g.wo() <= 0) {
            throw new IllegalArgumentException("Given input size: (" + c + "x" + g.h() + "x" + g.w() + "). Calculated output "
                    + "size: (" + c + "x" + g.ho() + "x" + g.wo() + "). Output size is too small");
        }
        Tensor xp = pad2d(x, g.ph(), g.pw(), padValue);
        Tensor plane = xp.permute(2, 3, 0, 1).reshape(g.hp() * g.wp(), n * c);
        return plane.indexSelect(0, index(g)).reshape(g.ho() * g.wo(), g.kh() * g.kw(), n * c);
    }

    /** 2-D cross-correlation of [N, C, H, W] with [O, C/groups, kh, kw] (bias may be null). */
    static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        boolean unbatched = x.dim() == 3;
        Tensor in = unbatched ? x.unsqueeze(0) : x;
        if (in.dim() != 4) {
            throw new IllegalArgumentException("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: "
                    + dev.autograd4j.tensor.Shapes.str(x.shape()));
        }
        int c = in.size(1), o = weight.size(0);
        if (c != weight.size(1) * groups) {
            throw new IllegalArgumentException("Given groups=" + groups + ", weight of size " + dev.autograd4j.tensor.Shapes.str(weight.shape())
                    + ", expected input" + dev.autograd4j.tensor.Shapes.str(in.shape()) + " to have " + weight.size(1) * groups
                    + " channels, but got " + c + " channels instead");
        }
        Tensor out;
        if (groups == 1) {
            out = conv2dGroup(in, weight, bias, stride, padding, dilation);
        } else {
            int cg = c / groups, og = o / groups;
            Tensor[] parts = new Tensor[groups];
            for (int k = 0; k < groups; k++) {
                parts[k] = conv2dGroup(in.narrow(1, k * cg, cg), weight.narrow(0, k * og, og),
                        bias == null ? null : bias.narrow(0, k * og, og), stride, padding, dilation);
            }
            out = Tensor.cat(List.of(parts), 1);
        }
        return unbatched ? out.squeeze(0) : out;
    }

    private static Tensor conv2dGroup(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation) {
        int n = x.size(0), c = x.size(1), o = weight.size(0), kh = weight.size(2), kw = weight.size(3);
        Geometry g = new Geometry(x.size(2), x.size(3), kh, kw, stride[0], stride[1], padding[0], padding[1],
                dilation[0], dilation[1]);
        int l = g.ho() * g.wo(), k = kh * kw;
        // [L, K, N, C] -> [N, L, C, K] -> rows of C*K, matching weight's [O, C, kh, kw] layout.
        Tensor cols = windows(x, g, 0.0).reshape(l, k, n, c).permute(2, 0, 3, 1).reshape(n * l, c * k);
        // A contiguous [C*K, O] right operand keeps the matrix product on the kernel's streaming (non-transposed) path.
        Tensor wt = weight.reshape(o, c * k).t().contiguous();
        Tensor y = bias == null ? cols.mm(wt) : bias.addmm(cols, wt);
        return y.reshape(n, g.ho(), g.wo(), o).permute(0, 3, 1, 2);
    }

    /** Max over each window (the gradient goes to one maximal element, as in PyTorch); padding counts as -inf. */
    static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return pool(x, kernel, stride, padding, dilation, true);
    }

    /** Mean over each window, zero padding included in the count (PyTorch's count_include_pad=True). */
    static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        return pool(x, kernel, stride, padding, new int[]{1, 1}, false);
    }

    private static Tensor pool(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean max) {
        boolean unbatched = x.dim() == 3;
        Tensor in = unbatched ? x.unsqueeze(0) : x;
        if (in.dim() != 4) throw new IllegalArgumentException("non-empty 3D or 4D (batch mode) tensor expected for input");
        if (padding[0] * 2 > kernel[0] || padding[1] * 2 > kernel[1]) {
            throw new IllegalArgumentException("pad should be at most half of effective kernel size, but got pad="
                    + padding[0] + ", kernel_size=" + kernel[0] + " and dilation=" + dilation[0]);
        }
        int n = in.size(0), c = in.size(1);
        Geometry g = new Geometry(in.size(2), in.size(3), kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[1],
                dilation[0], dilation[1]);
        Tensor w = windows(in, g, max ? Double.NEGATIVE_INFINITY : 0.0);
        Tensor r = max ? w.max(1).values() : w.mean(1);          // [Ho*Wo, N*C]
        Tensor out = r.reshape(g.ho(), g.wo(), n, c).permute(2, 3, 0, 1);
        return unbatched ? out.squeeze(0) : out;
    }

    /** Mean over PyTorch's adaptive windows [floor(i*H/oh), ceil((i+1)*H/oh)), as two averaging matrix products. */
    static Tensor adaptiveAvgPool2d(Tensor x, int oh, int ow) {
        if (x.dim() != 3 && x.dim() != 4) {
            throw new IllegalArgumentException("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got "
                    + dev.autograd4j.tensor.Shapes.str(x.shape()));
        }
        int h = x.size(-2), w = x.size(-1);
        Tensor ah = averaging(oh, h).to(x.dtype());
        Tensor aw = averaging(ow, w).to(x.dtype());
        return ah.matmul(x).matmul(aw.t());
    }

    private static Tensor averaging(int out, int in) {
        double[] a = new double[out * in];
        for (int i = 0; i < out; i++) {
            int start = Math.floorDiv(i * in, out);
            int end = -Math.floorDiv(-(i + 1) * in, out);
            for (int j = start; j < end; j++) a[i * in + j] = 1.0 / (end - start);
        }
        return Tensor.of(a, new int[]{out, in});
    }
}
