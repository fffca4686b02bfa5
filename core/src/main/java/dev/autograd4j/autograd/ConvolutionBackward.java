package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import dev.autograd4j.ops.ConvolutionInputGrad;
import dev.autograd4j.ops.Dispatch;
import dev.autograd4j.ops.Op;

import java.util.ArrayList;
import java.util.List;

/**
 * The backward rule of {@link Op.Convolution} (its line in the derivative table), written in differentiable ops
 * so double backward works. With the batch folded into the columns, cols = im2col(x) as [C*K, N*L] and g as
 * [O, N*L]: {@code dW_g = g_g cols_g^T}, {@code dcols_g = W_g^T g_g}, {@code dx = col2im(dcols)} and
 * {@code db = g summed over batch and space}, one GEMM each per group (NOTE [Convolution as im2col] in ops/Windowed).
 * When no graph is being built, the weight gradient reuses the forward's columns (NOTE [Convolution columns]) and
 * dx comes from {@link ConvolutionInputGrad}, the same GEMM and col2im in chunks of samples.
 */
final class ConvolutionBackward {
    private ConvolutionBackward() {}

    static Tensor[] grads(Op.Convolution c, OpNode n, Tensor g) {
        boolean oneD = c.stride().length == 1;
        int inputs = n.numInputs();
        Tensor x = n.input(0), w = n.input(1);
        boolean needX = n.needsGrad(0), needW = n.needsGrad(1), needB = inputs > 2 && n.needsGrad(2);
        Op.Convolution c2 = c;
        Tensor g4 = g;
        if (oneD) {
            // A 1-D convolution is the 2-D one over a height of 1.
            c2 = new Op.Convolution(new int[]{1, c.stride()[0]}, new int[]{0, c.padding()[0]}, new int[]{1, c.dilation()[0]}, c.groups());
            x = x.unsqueeze(2);
            w = w.unsqueeze(2);
            g4 = g.unsqueeze(2);
        }
        // NOTE [Convolution columns]: the forward's columns serve when the weight gradient need not be differentiable in x.
        Tensor cols = c.columns() == null ? null : c.columns().take();
        if (GradMode.isEnabled() && n.needsGrad(0)) cols = null;
        Tensor[] r = conv2d(c2, x, w, g4, cols, needX, needW);
        Tensor gx = r[0], gw = r[1];
        if (oneD) {
            if (gx != null) gx = gx.squeeze(2);
            if (gw != null) gw = gw.squeeze(2);
        }
        Tensor gb = needB ? g.sum(oneD ? new int[]{0, 2} : new int[]{0, 2, 3}, false) : null;
        return inputs > 2 ? new Tensor[]{gx, gw, gb} : new Tensor[]{gx, gw};
    }

    /** The 2-D gradients; {@code cols} is im2col(x) from the forward, or null to rebuild it differentiably. */
    private static Tensor[] conv2d(Op.Convolution c, Tensor x, Tensor w, Tensor g, Tensor cols, boolean needX, boolean needW) {
        int n = x.size(0), ch = x.size(1), h = x.size(2), wd = x.size(3);
        int o = w.size(0), cg = w.size(1), kh = w.size(2), kw = w.size(3);
        int groups = c.groups(), og = o / groups, cgk = cg * kh * kw, ck = ch * kh * kw;
        int l = g.size(2) * g.size(3), nl = n * l;
        int[] s = c.stride(), p = c.padding(), d = c.dilation();
        // The whole batch as one matrix (NOTE [Convolution as im2col]): g as [O, N*L], the columns as [C*K, N*L].
        Tensor g2 = g.reshape(n, o, l).permute(1, 0, 2).reshape(o, nl);
        Tensor w2 = w.reshape(o, cgk);
        Tensor gw = null, gx = null;
        if (needW) {
            // im2col stores its [N, C*K, L] result as [C*K, N, L], so this permute + reshape is a view, not a copy.
            if (cols == null) cols = Dispatch.apply(new Op.Im2Col(kh, kw, d[0], d[1], p[0], p[1], s[0], s[1], true), x);
            Tensor cols2 = cols.permute(1, 0, 2).reshape(ck, nl);
            if (groups == 1) {
                gw = g2.mm(cols2.t());
            } else {
                List<Tensor> parts = new ArrayList<>(groups);
                for (int gi = 0; gi < groups; gi++) {
                    parts.add(g2.narrow(0, gi * og, og).mm(cols2.narrow(0, gi * cgk, cgk).t()));
                }
                gw = Tensor.cat(parts, 0);
            }
            gw = gw.reshape(o, cg, kh, kw);
        }
        Op.Col2Im fold = new Op.Col2Im(h, wd, kh, kw, d[0], d[1], p[0], p[1], s[0], s[1]);
        if (needX && groups == 1 && !GradMode.isEnabled() && g.dtype().isFloatingPoint() && w.dtype() == g.dtype()) {
            // No graph to build: W^T g and col2im in cache-sized chunks of samples, not one batch-sized column matrix.
            gx = ConvolutionInputGrad.of(w2.contiguous(), g2.contiguous(), fold, n);
        } else if (needX) {
            Tensor gcols2;                                                             // [C*K, N*L]
            if (groups == 1) {
                gcols2 = w2.t().mm(g2);
            } else {
                List<Tensor> parts = new ArrayList<>(groups);
                for (int gi = 0; gi < groups; gi++) {
                    parts.add(w2.narrow(0, gi * og, og).t().mm(g2.narrow(0, gi * og, og)));
                }
                gcols2 = Tensor.cat(parts, 0);
            }
            Tensor gcols = gcols2.view(ck, n, l).permute(1, 0, 2);                      // [N, C*K, L], a view
            gx = Dispatch.apply(fold, gcols);
        }
        return new Tensor[]{gx, gw};
    }
}
