package dev.autograd4j.autograd;

import dev.autograd4j.Tensor;
import dev.autograd4j.ops.Dispatch;
import dev.autograd4j.ops.Op;

import java.util.ArrayList;
import java.util.List;

/**
 * The backward rule of {@link Op.Convolution} (its line in the derivative table), written in differentiable ops
 * so double backward works: with cols = im2col(x) [N, C*K, L] and g viewed as [N, O, L],
 * {@code dW_g = sum_n g[n, g] cols[n, g]^T}, {@code dcols[n, g] = W_g^T g[n, g]}, {@code dx = col2im(dcols)},
 * {@code db = sum of g over batch and space} (NOTE [Convolution as im2col] in ops/Windowed).
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
        Tensor[] r = conv2d(c2, x, w, g4, needX, needW);
        Tensor gx = r[0], gw = r[1];
        if (oneD) {
            if (gx != null) gx = gx.squeeze(2);
            if (gw != null) gw = gw.squeeze(2);
        }
        Tensor gb = needB ? g.sum(oneD ? new int[]{0, 2} : new int[]{0, 2, 3}, false) : null;
        return inputs > 2 ? new Tensor[]{gx, gw, gb} : new Tensor[]{gx, gw};
    }

    private static Tensor[] conv2d(Op.Convolution c, Tensor x, Tensor w, Tensor g, boolean needX, boolean needW) {
        int n = x.size(0), ch = x.size(1), h = x.size(2), wd = x.size(3);
        int o = w.size(0), cg = w.size(1), kh = w.size(2), kw = w.size(3);
        int groups = c.groups(), og = o / groups, cgk = cg * kh * kw;
        int l = g.size(2) * g.size(3);
        int[] s = c.stride(), p = c.padding(), d = c.dilation();
        Op.Im2Col im = new Op.Im2Col(kh, kw, d[0], d[1], p[0], p[1], s[0], s[1]);
        Tensor gw = null, gx = null;
        if (needW) {
            Tensor cols = Dispatch.apply(im, x);                                       // [N, C*K, L]
            Tensor prod = g.reshape(n * groups, og, l).bmm(cols.reshape(n * groups, cgk, l).transpose(1, 2));
            gw = prod.reshape(n, o, cgk).sum(new int[]{0}, false).reshape(o, cg, kh, kw);
        }
        if (needX) {
            Tensor gcolsT;                                                             // [N, L, C*K]
            if (groups == 1) {
                gcolsT = g.reshape(n, o, l).transpose(1, 2).matmul(w.reshape(o, cgk));
            } else {
                Tensor g4 = g.reshape(n, groups, og, l);
                List<Tensor> parts = new ArrayList<>(groups);
                for (int gi = 0; gi < groups; gi++) {
                    parts.add(g4.select(1, gi).transpose(1, 2).matmul(w.narrow(0, gi * og, og).reshape(og, cgk)));
                }
                gcolsT = Tensor.cat(parts, 2);
            }
            gx = Dispatch.apply(new Op.Col2Im(h, wd, kh, kw, d[0], d[1], p[0], p[1], s[0], s[1]), gcolsT.transpose(1, 2));
            if (gx.size(1) != ch) throw new IllegalStateException("convolution backward: channel mismatch");
        }
        return new Tensor[]{gx, gw};
    }
}
