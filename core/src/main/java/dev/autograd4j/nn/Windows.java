package dev.autograd4j.nn;

import dev.autograd4j.Tensor;
import dev.autograd4j.autograd.GradMode;
import dev.autograd4j.ops.ConvolutionColumns;
import dev.autograd4j.ops.Dispatch;
import dev.autograd4j.ops.Op;
import dev.autograd4j.ops.Windowed;
import dev.autograd4j.tensor.Shapes;

/**
 * Convolution and pooling over the window primitives of the derivative table: {@link Op.Convolution} (im2col + GEMM,
 * NOTE [Convolution as im2col] in ops/Windowed), {@link Op.MaxPool2d} (values at argmax positions) and
 * {@link Op.Im2Col} (average pooling as a mean over the window rows). This class checks arguments and handles
 * unbatched inputs; the ops do the work.
 */
final class Windows {
    private Windows() {}

    /** 2-D cross-correlation of [N, C, H, W] (or unbatched [C, H, W]) with [O, C/groups, kh, kw] (bias may be null). */
    static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation, int groups) {
        if (x.dim() != 3 && x.dim() != 4) {
            throw new IllegalArgumentException("Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: "
                    + Shapes.str(x.shape()));
        }
        return convolution(x, 4, weight, bias, new Op.Convolution(stride.clone(), padding.clone(), dilation.clone(), groups,
                columnsFor(weight)));
    }

    /** 1-D cross-correlation of [N, C, L] (or unbatched [C, L]) with [O, C/groups, k] (bias may be null). */
    static Tensor conv1d(Tensor x, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        return convolution(x, 3, weight, bias, new Op.Convolution(new int[]{stride}, new int[]{padding}, new int[]{dilation}, groups,
                columnsFor(weight)));
    }

    /** A holder for the forward's columns when the weight will get a gradient (NOTE [Convolution columns]), else null. */
    private static ConvolutionColumns columnsFor(Tensor weight) {
        return GradMode.isEnabled() && weight.requiresGrad() ? new ConvolutionColumns() : null;
    }

    private static Tensor convolution(Tensor x, int batchedRank, Tensor weight, Tensor bias, Op.Convolution op) {
        boolean unbatched = x.dim() == batchedRank - 1;
        Tensor in = unbatched ? x.unsqueeze(0) : x;
        if (op.groups() <= 0) throw new IllegalArgumentException("non-positive groups is not supported");
        for (int i = 0; i < op.stride().length; i++) {
            if (op.stride()[i] <= 0) throw new IllegalArgumentException("non-positive stride is not supported");
            if (op.padding()[i] < 0) throw new IllegalArgumentException("negative padding is not supported");
            if (op.dilation()[i] <= 0) throw new IllegalArgumentException("dilation should be greater than zero");
        }
        int c = in.size(1), o = weight.size(0);
        if (c != weight.size(1) * op.groups()) {
            throw new IllegalArgumentException("Given groups=" + op.groups() + ", weight of size " + Shapes.str(weight.shape())
                    + ", expected input" + Shapes.str(in.shape()) + " to have " + weight.size(1) * op.groups()
                    + " channels, but got " + c + " channels instead");
        }
        if (o % op.groups() != 0) throw new IllegalArgumentException("out_channels must be divisible by groups");
        for (int i = 0; i < op.stride().length; i++) {
            int size = in.size(2 + i), k = weight.size(2 + i);
            if (size + 2 * op.padding()[i] < op.dilation()[i] * (k - 1) + 1) {
                throw new IllegalArgumentException("Calculated padded input size per channel: (" + (size + 2 * op.padding()[i])
                        + "). Kernel size: (" + (op.dilation()[i] * (k - 1) + 1) + "). Kernel size can't be greater than actual input size");
            }
        }
        Tensor out = bias == null ? Dispatch.apply(op, in, weight) : Dispatch.apply(op, in, weight, bias);
        return unbatched ? out.squeeze(0) : out;
    }

    /** Max over each window (the gradient goes to the window's first maximal element, as in PyTorch); padding never wins. */
    static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        batched(x);
        checkPool(kernel, stride, padding, dilation);
        // The op pools the last two dims of any leading shape, so an unbatched input needs no unsqueeze (one node, as PyTorch).
        Tensor idx = Windowed.maxPool2dIndices(x.detach(), kernel, stride, padding, dilation);
        return Dispatch.apply(new Op.MaxPool2d(kernel.clone(), stride.clone(), padding.clone(), dilation.clone()), x, idx);
    }

    /** Mean over each window, zero padding included in the count (PyTorch's count_include_pad=True). */
    static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        Tensor in = batched(x);
        checkPool(kernel, stride, padding, new int[]{1, 1});
        int n = in.size(0), c = in.size(1), h = in.size(2), w = in.size(3);
        int ho = Windowed.outSize(h, kernel[0], stride[0], padding[0], 1), wo = Windowed.outSize(w, kernel[1], stride[1], padding[1], 1);
        if (ho <= 0 || wo <= 0) {
            throw new IllegalArgumentException("Given input size: (" + c + "x" + h + "x" + w + "). Calculated output size: ("
                    + c + "x" + ho + "x" + wo + "). Output size is too small");
        }
        // Every channel as its own one-channel image, so each window's kh*kw values form one column of im2col.
        Tensor cols = Dispatch.apply(new Op.Im2Col(kernel[0], kernel[1], 1, 1, padding[0], padding[1], stride[0], stride[1], false),
                in.reshape(n * c, 1, h, w));
        Tensor out = cols.mean(1, false).view(n, c, ho, wo);
        return x.dim() == 3 ? out.squeeze(0) : out;
    }

    private static Tensor batched(Tensor x) {
        if (x.dim() != 3 && x.dim() != 4) throw new IllegalArgumentException("non-empty 3D or 4D (batch mode) tensor expected for input");
        return x.dim() == 3 ? x.unsqueeze(0) : x;
    }

    private static void checkPool(int[] kernel, int[] stride, int[] padding, int[] dilation) {
        for (int i = 0; i < 2; i++) {
            if (kernel[i] <= 0) throw new IllegalArgumentException("kernel size should be greater than zero, but got kH: " + kernel[0] + " kW: " + kernel[1]);
            if (stride[i] <= 0) throw new IllegalArgumentException("stride should be greater than zero, but got dH: " + stride[0] + " dW: " + stride[1]);
            if (dilation[i] <= 0) throw new IllegalArgumentException("dilation should be greater than zero, but got dilationH: " + dilation[0] + " dilationW: " + dilation[1]);
        }
        if (padding[0] * 2 > kernel[0] || padding[1] * 2 > kernel[1]) {
            throw new IllegalArgumentException("pad should be at most half of effective kernel size, but got pad="
                    + padding[0] + ", kernel_size=" + kernel[0] + " and dilation=" + dilation[0]);
        }
    }

    /** Mean over PyTorch's adaptive windows [floor(i*H/oh), ceil((i+1)*H/oh)), as two averaging matrix products. */
    static Tensor adaptiveAvgPool2d(Tensor x, int oh, int ow) {
        if (x.dim() != 3 && x.dim() != 4) {
            throw new IllegalArgumentException("adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got " + Shapes.str(x.shape()));
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
