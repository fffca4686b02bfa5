package dev.autograd4j.nn;

import dev.autograd4j.DType;
import dev.autograd4j.Tensor;
import dev.autograd4j.Warnings;
import dev.autograd4j.tensor.Shapes;

import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The functional forms of the layers and the losses: PyTorch's {@code torch.nn.functional}. Losses take a
 * {@code reduction} of {@code "mean"} (the default), {@code "sum"} or {@code "none"}, and record one node with
 * PyTorch's name (NOTE [Named composites]).
 *
 * <pre>{@code
 * Tensor loss = F.crossEntropy(model.forward(x), labels);
 * loss.backward();
 * }</pre>
 */
public final class F {
    private F() {}

    // ================================================================================================
    // Layers and activations
    // ================================================================================================

    /** {@code x Wᵀ + b} (AddmmBackward0 for 2-D input); bias may be null: {@code F.linear(x, w, b)}. */
    public static Tensor linear(Tensor input, Tensor weight, Tensor bias) {
        if (input.dim() == 2 && bias != null) return bias.addmm(input, weight.t());
        Tensor y = input.matmul(weight.t());
        return bias == null ? y : y.add(bias);
    }

    /** {@code max(x, 0)}: {@code F.relu(x)}. */
    public static Tensor relu(Tensor x) { return x.relu(); }

    /** Leaky relu with a slope for negative inputs: {@code F.leakyRelu(x, 0.01)}. */
    public static Tensor leakyRelu(Tensor x, double negativeSlope) { return x.leakyRelu(negativeSlope); }

    /** Exact (erf) GELU: {@code F.gelu(x)}. */
    public static Tensor gelu(Tensor x) { return x.gelu(); }

    /** GELU, {@code "none"} or {@code "tanh"}: {@code F.gelu(x, "tanh")}. */
    public static Tensor gelu(Tensor x, String approximate) { return x.gelu(approximate); }

    /** {@code x * sigmoid(x)}: {@code F.silu(x)}. */
    public static Tensor silu(Tensor x) { return x.silu(); }

    /** Logistic sigmoid: {@code F.sigmoid(x)}. */
    public static Tensor sigmoid(Tensor x) { return x.sigmoid(); }

    /** Hyperbolic tangent: {@code F.tanh(x)}. */
    public static Tensor tanh(Tensor x) { return x.tanh(); }

    /** softmax along a dim: {@code F.softmax(x, 1)}. */
    public static Tensor softmax(Tensor x, int dim) { return x.softmax(dim); }

    /** log_softmax along a dim: {@code F.logSoftmax(x, 1)}. */
    public static Tensor logSoftmax(Tensor x, int dim) { return x.logSoftmax(dim); }

    /**
     * Zeroes elements with probability p when training, scaling the rest by 1/(1-p); draws from
     * {@link Tensor#generator()} (seed with {@code Tensor.manualSeed}): {@code F.dropout(x, 0.5, true)}.
     */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        if (p < 0 || p > 1) throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + pyFloat(p));
        if (!training || p == 0) return x;
        if (p == 1) return x.mul(0.0);
        Tensor keep = Tensor.rand(x.shape()).lt(1 - p).to(x.dtype());
        return x.mul(keep.mul(1 / (1 - p)));
    }

    /** 2-D cross-correlation of [N, C, H, W] with [O, C/groups, kh, kw] (bias may be null): {@code F.conv2d(x, w, b, new int[]{1, 1}, new int[]{1, 1}, new int[]{1, 1}, 1)}. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias, int[] stride, int[] padding, int[] dilation,
                                int groups) {
        if (weight.dim() != 4) {
            throw new IllegalArgumentException("Expected 4-dimensional weight for conv2d, but got weight of size "
                    + Shapes.str(weight.shape()));
        }
        return Windows.conv2d(input, weight, bias, stride, padding, dilation, groups);
    }

    /** 2-D cross-correlation with stride 1 and no padding: {@code F.conv2d(x, w, b)}. */
    public static Tensor conv2d(Tensor input, Tensor weight, Tensor bias) {
        return conv2d(input, weight, bias, new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1}, 1);
    }

    /** 1-D cross-correlation of [N, C, L] with [O, C/groups, k] (ConvolutionBackward0): {@code F.conv1d(x, w, b, 1, 0, 1, 1)}. */
    public static Tensor conv1d(Tensor input, Tensor weight, Tensor bias, int stride, int padding, int dilation, int groups) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: "
                    + Shapes.str(input.shape()));
        }
        if (weight.dim() != 3) {
            throw new IllegalArgumentException("Expected 3-dimensional weight for conv1d, but got weight of size "
                    + Shapes.str(weight.shape()));
        }
        return Windows.conv1d(input, weight, bias, stride, padding, dilation, groups);
    }

    /** Max over each kh x kw window: {@code F.maxPool2d(x, new int[]{2, 2}, new int[]{2, 2}, new int[]{0, 0}, new int[]{1, 1})}. */
    public static Tensor maxPool2d(Tensor input, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return Windows.maxPool2d(input, kernel, stride, padding, dilation);
    }

    /** Max over non-overlapping k x k windows: {@code F.maxPool2d(x, 2)}. */
    public static Tensor maxPool2d(Tensor input, int k) {
        return maxPool2d(input, new int[]{k, k}, new int[]{k, k}, new int[]{0, 0}, new int[]{1, 1});
    }

    /** Mean over each window, zero padding counted: {@code F.avgPool2d(x, new int[]{2, 2}, new int[]{2, 2}, new int[]{0, 0})}. */
    public static Tensor avgPool2d(Tensor input, int[] kernel, int[] stride, int[] padding) {
        return Windows.avgPool2d(input, kernel, stride, padding);
    }

    /** Averages down to oh x ow with PyTorch's adaptive windows: {@code F.adaptiveAvgPool2d(x, 1, 1)}. */
    public static Tensor adaptiveAvgPool2d(Tensor input, int oh, int ow) { return Windows.adaptiveAvgPool2d(input, oh, ow); }

    /** Rows of {@code weight} picked by int64 ids (shape ids.shape + [dim]); the padding row gets no gradient: {@code F.embedding(ids, w, null)}. */
    public static Tensor embedding(Tensor input, Tensor weight, Long paddingIdx) {
        if (input.dtype() != DType.INT64) {
            throw new IllegalArgumentException("Expected tensor for argument #1 'indices' to have one of the following scalar "
                    + "types: Long, Int; but got " + input.dtype().legacyName() + " instead (while checking arguments for embedding)");
        }
        Tensor out = weight.index(input);
        if (paddingIdx == null) return out;
        // Same values, but the padding positions read a detached copy, so the padding row's gradient stays zero.
        Tensor keep = input.ne((double) paddingIdx).unsqueeze(-1);
        return Tensor.where(keep, out, weight.detach().index(input));
    }

    /** Normalises over the trailing dims given by normalizedShape, then scales and shifts (either may be null): {@code F.layerNorm(x, new int[]{4}, w, b, 1e-5)}. */
    public static Tensor layerNorm(Tensor input, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        int k = normalizedShape.length;
        int[] shape = input.shape();
        boolean ok = k <= shape.length;
        for (int i = 0; ok && i < k; i++) ok = shape[shape.length - k + i] == normalizedShape[i];
        if (!ok) {
            throw new IllegalArgumentException("Given normalized_shape=" + Arrays.toString(normalizedShape).replace(" ", " ")
                    + ", expected input with shape [*, " + Arrays.toString(normalizedShape).replace("[", "").replace("]", "")
                    + "], but got input of size" + Shapes.str(shape));
        }
        int[] dims = new int[k];
        for (int i = 0; i < k; i++) dims[i] = shape.length - k + i;
        Tensor mean = input.mean(dims, true);
        Tensor var = input.var(dims, false, true);
        Tensor y = input.sub(mean).div(var.add(eps).sqrt());
        if (weight != null) y = y.mul(weight);
        if (bias != null) y = y.add(bias);
        return y;
    }

    /**
     * Batch normalisation over dim 1. With {@code training}, normalises by the batch statistics and, when given,
     * updates the running buffers in place; otherwise uses them:
     * {@code F.batchNorm(x, rm, rv, w, b, true, 0.1, 1e-5)}.
     */
    public static Tensor batchNorm(Tensor input, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        if (input.dim() < 2) throw new IllegalArgumentException("batch_norm expects an input with at least 2 dims");
        int c = input.size(1);
        int[] dims = new int[input.dim() - 1];
        dims[0] = 0;
        for (int i = 2; i < input.dim(); i++) dims[i - 1] = i;
        int[] bshape = new int[input.dim()];
        Arrays.fill(bshape, 1);
        bshape[1] = c;
        Tensor y;
        if (training) {
            int count = input.numel() / Math.max(c, 1);
            if (count <= 1) {
                throw new IllegalArgumentException("Expected more than 1 value per channel when training, got input size "
                        + Shapes.torchSize(input.shape()));
            }
            Tensor mean = input.mean(dims, true);
            Tensor var = input.var(dims, false, true);
            y = input.sub(mean).div(var.add(eps).sqrt());
            if (runningMean != null && runningVar != null) {
                try (var ng = dev.autograd4j.autograd.Autograd.noGrad()) {
                    runningMean.mul_(1 - momentum).add_(mean.reshape(c).to(runningMean.dtype()), momentum);
                    Tensor unbiased = var.reshape(c).mul((double) count / (count - 1)).to(runningVar.dtype());
                    runningVar.mul_(1 - momentum).add_(unbiased, momentum);
                }
            }
        } else {
            if (runningMean == null || runningVar == null) {
                throw new IllegalArgumentException("running_mean and running_var must be defined in evaluation mode");
            }
            y = input.sub(runningMean.reshape(bshape)).div(runningVar.reshape(bshape).add(eps).sqrt());
        }
        if (weight != null) y = y.mul(weight.reshape(bshape));
        if (bias != null) y = y.add(bias.reshape(bshape));
        return y;
    }

    // ================================================================================================
    // Sliding blocks, padding, group norm (issue 4)
    // ================================================================================================

    /**
     * Every kh x kw block of [N, C, H, W] (or [C, H, W]) as a column of [N, C*kh*kw, L] (Im2ColBackward0):
     * {@code F.unfold(x, new int[]{3, 3}, new int[]{1, 1}, new int[]{1, 1}, new int[]{1, 1})}.
     */
    public static Tensor unfold(Tensor input, int[] kernel, int[] dilation, int[] padding, int[] stride) {
        if (input.dim() != 3 && input.dim() != 4) {
            throw new IllegalArgumentException("Input Error: Only 3D or 4D input Tensors are supported (got " + input.dim() + "D)");
        }
        checkPositive("unfold", kernel, dilation, stride);
        Tensor in = input.dim() == 3 ? input.unsqueeze(0) : input;
        Tensor out = dev.autograd4j.ops.Dispatch.apply(new dev.autograd4j.ops.Op.Im2Col(kernel[0], kernel[1], dilation[0], dilation[1],
                padding[0], padding[1], stride[0], stride[1], false), in);
        return input.dim() == 3 ? out.squeeze(0) : out;
    }

    /**
     * Sums the columns of [N, C*kh*kw, L] (or [C*kh*kw, L]) back into [N, C, h, w], the adjoint of unfold
     * (Col2ImBackward0): {@code F.fold(cols, new int[]{4, 5}, new int[]{2, 2}, new int[]{1, 1}, new int[]{0, 0}, new int[]{1, 1})}.
     */
    public static Tensor fold(Tensor input, int[] outputSize, int[] kernel, int[] dilation, int[] padding, int[] stride) {
        if (input.dim() != 2 && input.dim() != 3) {
            throw new IllegalArgumentException("Input Error: Only unbatched (2D) or batched (3D) input Tensors are supported (got " + input.dim() + "D)");
        }
        checkPositive("fold", kernel, dilation, stride);
        Tensor in = input.dim() == 2 ? input.unsqueeze(0) : input;
        Tensor out = dev.autograd4j.ops.Dispatch.apply(new dev.autograd4j.ops.Op.Col2Im(outputSize[0], outputSize[1], kernel[0], kernel[1],
                dilation[0], dilation[1], padding[0], padding[1], stride[0], stride[1]), in);
        return input.dim() == 2 ? out.squeeze(0) : out;
    }

    private static void checkPositive(String op, int[] kernel, int[] dilation, int[] stride) {
        for (int i = 0; i < 2; i++) {
            if (kernel[i] <= 0 || dilation[i] <= 0 || stride[i] <= 0) {
                throw new IllegalArgumentException(op + "(): kernel_size, dilation and stride must be greater than zero, but got kernel_size="
                        + Arrays.toString(kernel) + ", dilation=" + Arrays.toString(dilation) + ", stride=" + Arrays.toString(stride));
            }
        }
    }

    /**
     * Constant padding; {@code pad} lists (before, after) pairs from the last dim backwards, negative values crop
     * (ConstantPadNdBackward0): {@code F.pad(x, new int[]{1, 1, 2, 0}, 0.0)}.
     */
    public static Tensor pad(Tensor input, int[] pad, double value) {
        return dev.autograd4j.ops.Dispatch.apply(new dev.autograd4j.ops.Op.ConstantPad(pad.clone(), value), input);
    }

    /**
     * Normalises each of numGroups channel groups of [N, C, *] over its channels and positions, then scales and
     * shifts per channel (weight and bias may be null): {@code F.groupNorm(x, 2, w, b, 1e-5)}.
     */
    public static Tensor groupNorm(Tensor input, int numGroups, Tensor weight, Tensor bias, double eps) {
        if (input.dim() < 2) throw new IllegalArgumentException("Expected at least 2 dimensions for input tensor but received " + input.dim());
        int n = input.size(0), c = input.size(1);
        if (numGroups <= 0 || c % numGroups != 0) {
            throw new IllegalArgumentException("Expected number of channels in input to be divisible by num_groups, but got input of shape "
                    + Shapes.torchSize(input.shape()) + " and num_groups=" + numGroups);
        }
        Tensor g = input.reshape(n, numGroups, -1);
        Tensor mean = g.mean(2, true);
        Tensor var = g.var(new int[]{2}, false, true);
        Tensor y = g.sub(mean).div(var.add(eps).sqrt()).reshape(input.shape());
        int[] bshape = new int[input.dim()];
        Arrays.fill(bshape, 1);
        bshape[1] = c;
        if (weight != null) y = y.mul(weight.reshape(bshape));
        if (bias != null) y = y.add(bias.reshape(bshape));
        return y;
    }

    // ================================================================================================
    // Losses
    // ================================================================================================

    /** Mean squared error, mean over all elements: {@code F.mseLoss(pred, target)}. */
    public static Tensor mseLoss(Tensor input, Tensor target) { return mseLoss(input, target, "mean"); }

    /** Squared error with a reduction (MseLossBackward0): {@code F.mseLoss(pred, target, "sum")}. */
    public static Tensor mseLoss(Tensor input, Tensor target, String reduction) {
        checkReduction(reduction);
        warnSizeMismatch(input, target);
        Tensor d = input.sub(target);
        return NamedComposite.wrap("MseLossBackward0", reduce(d.mul(d), reduction), input, target);
    }

    /** Mean absolute error: {@code F.l1Loss(pred, target)}. */
    public static Tensor l1Loss(Tensor input, Tensor target) { return l1Loss(input, target, "mean"); }

    /** Absolute error with a reduction (L1LossBackward0): {@code F.l1Loss(pred, target, "none")}. */
    public static Tensor l1Loss(Tensor input, Tensor target, String reduction) {
        checkReduction(reduction);
        warnSizeMismatch(input, target);
        return NamedComposite.wrap("L1LossBackward0", reduce(input.sub(target).abs(), reduction), input, target);
    }

    /** Smooth L1 with beta 1: {@code F.smoothL1Loss(pred, target)}. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target) { return smoothL1Loss(input, target, "mean", 1.0); }

    /** {@code 0.5 d²/beta} where |d| < beta, else {@code |d| - 0.5 beta} (SmoothL1LossBackward0): {@code F.smoothL1Loss(p, t, "sum", 0.5)}. */
    public static Tensor smoothL1Loss(Tensor input, Tensor target, String reduction, double beta) {
        checkReduction(reduction);
        if (beta < 0) throw new IllegalArgumentException("smooth_l1_loss does not support negative values for beta.");
        warnSizeMismatch(input, target);
        Tensor d = input.sub(target).abs();
        Tensor l = beta == 0 ? d : Tensor.where(d.lt(beta), d.mul(d).mul(0.5 / beta), d.sub(0.5 * beta));
        return NamedComposite.wrap("SmoothL1LossBackward0", reduce(l, reduction), input, target);
    }

    /** Huber loss with delta 1: {@code F.huberLoss(pred, target)}. */
    public static Tensor huberLoss(Tensor input, Tensor target) { return huberLoss(input, target, "mean", 1.0); }

    /** {@code 0.5 d²} where |d| < delta, else {@code delta (|d| - 0.5 delta)} (HuberLossBackward0). */
    public static Tensor huberLoss(Tensor input, Tensor target, String reduction, double delta) {
        checkReduction(reduction);
        if (delta <= 0) throw new IllegalArgumentException("huber_loss does not support non-positive values for delta.");
        warnSizeMismatch(input, target);
        Tensor d = input.sub(target).abs();
        Tensor l = Tensor.where(d.lt(delta), d.mul(d).mul(0.5), d.sub(0.5 * delta).mul(delta));
        return NamedComposite.wrap("HuberLossBackward0", reduce(l, reduction), input, target);
    }

    /** Negative log likelihood of class indices given log-probabilities [N, C]: {@code F.nllLoss(logp, labels)}. */
    public static Tensor nllLoss(Tensor input, Tensor target) { return nllLoss(input, target, null, -100, "mean"); }

    /**
     * NLL with optional class weights, an ignored class index and a reduction (NllLossBackward0); input is
     * [C], [N, C] or [N, C, d1, ...]: {@code F.nllLoss(logp, labels, null, -100, "sum")}.
     */
    public static Tensor nllLoss(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction) {
        checkReduction(reduction);
        Flat f = flatten(input, target);
        int c = f.input.size(1);
        if (weight != null && (weight.dim() != 1 || weight.numel() != c)) {
            throw new IllegalArgumentException("weight tensor should be defined either for all " + c
                    + " classes or no classes but got weight tensor of shape: " + Shapes.torchSize(weight.shape()));
        }
        long[] t = f.target.toLongArray();
        long[] safe = new long[t.length];
        float[] keep = new float[t.length];
        for (int i = 0; i < t.length; i++) {
            if (t[i] == ignoreIndex) continue;
            if (t[i] < 0 || t[i] >= c) throw new IndexOutOfBoundsException("Target " + t[i] + " is out of bounds.");
            safe[i] = t[i];
            keep[i] = 1f;
        }
        Tensor idx = Tensor.of(safe);
        Tensor w = Tensor.of(keep).to(input.dtype());
        if (weight != null) w = w.mul(weight.detach().indexSelect(0, idx).to(input.dtype()));
        Tensor picked = f.input.gather(1, idx.unsqueeze(1)).squeeze(1);
        Tensor l = picked.neg().mul(w);
        Tensor out = switch (reduction) {
            case "none" -> l.reshape(f.targetShape);
            case "sum" -> l.sum();
            default -> l.sum().div(w.sum());
        };
        return NamedComposite.wrap("NllLossBackward0", out, input);
    }

    /** Cross entropy of logits [N, C] and class indices [N], mean over the batch: {@code F.crossEntropy(logits, labels)}. */
    public static Tensor crossEntropy(Tensor input, Tensor target) { return crossEntropy(input, target, null, -100, "mean", 0.0); }

    /** Cross entropy with a reduction: {@code F.crossEntropy(logits, labels, "sum")}. */
    public static Tensor crossEntropy(Tensor input, Tensor target, String reduction) {
        return crossEntropy(input, target, null, -100, reduction, 0.0);
    }

    /**
     * {@code nll(log_softmax(input, classDim))} with class weights, an ignored index, a reduction and label
     * smoothing ε (target mixed with the uniform distribution, PyTorch's formula):
     * {@code F.crossEntropy(logits, labels, null, -100, "mean", 0.1)}.
     */
    public static Tensor crossEntropy(Tensor input, Tensor target, Tensor weight, long ignoreIndex, String reduction,
                                     double labelSmoothing) {
        checkReduction(reduction);
        if (labelSmoothing < 0 || labelSmoothing > 1) {
            throw new IllegalArgumentException("label_smoothing must be between 0.0 and 1.0. Got: " + pyFloat(labelSmoothing));
        }
        if (target.dtype().isFloatingPoint()) {
            throw new IllegalArgumentException("crossEntropy takes class indices (int64); class probabilities are not supported");
        }
        int classDim = input.dim() == 1 ? 0 : 1;
        Tensor logp = input.logSoftmax(classDim);
        Tensor nll = nllLoss(logp, target, weight, ignoreIndex, reduction);
        if (labelSmoothing == 0) return nll;
        int c = input.size(classDim);
        Flat f = flatten(logp, target);
        long[] t = f.target.toLongArray();
        float[] keep = new float[t.length];
        long[] safe = new long[t.length];
        for (int i = 0; i < t.length; i++) {
            keep[i] = t[i] == ignoreIndex ? 0f : 1f;
            safe[i] = t[i] == ignoreIndex ? 0 : t[i];
        }
        Tensor keepT = Tensor.of(keep).to(input.dtype());
        Tensor lp = weight == null ? f.input : f.input.mul(weight.detach().to(input.dtype()));
        Tensor smooth = lp.sum(1).neg().mul(keepT);
        Tensor ret = switch (reduction) {
            case "none" -> smooth.reshape(f.targetShape);
            case "sum" -> smooth.sum();
            default -> weight == null ? smooth.sum().div(keepT.sum())
                    : smooth.sum().div(weight.detach().to(input.dtype()).indexSelect(0, Tensor.of(safe)).mul(keepT).sum());
        };
        return nll.mul(1 - labelSmoothing).add(ret.mul(labelSmoothing / c));
    }

    /** Binary cross entropy of probabilities in [0, 1]: {@code F.binaryCrossEntropy(p, y)}. */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target) { return binaryCrossEntropy(input, target, null, "mean"); }

    /**
     * {@code -w (y log p + (1-y) log(1-p))}, each log clamped at -100 as PyTorch does (BinaryCrossEntropyBackward0):
     * {@code F.binaryCrossEntropy(p, y, null, "sum")}.
     */
    public static Tensor binaryCrossEntropy(Tensor input, Tensor target, Tensor weight, String reduction) {
        checkReduction(reduction);
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("Using a target size (" + Shapes.torchSize(target.shape())
                    + ") that is different to the input size (" + Shapes.torchSize(input.shape()) + ") is deprecated. "
                    + "Please ensure they have the same size.");
        }
        Tensor detached = input.detach();
        if (!detached.ge(0).logicalAnd(detached.le(1)).all()) { // NaN fails both comparisons, as in PyTorch
            throw new IllegalArgumentException("all elements of input should be between 0 and 1");
        }
        Tensor logP = input.log().clampMin(-100);
        Tensor log1mP = input.rsub(1).log().clampMin(-100);
        Tensor l = target.mul(logP).add(target.rsub(1).mul(log1mP)).neg();
        if (weight != null) l = l.mul(weight);
        return NamedComposite.wrap("BinaryCrossEntropyBackward0", reduce(l, reduction), input, target);
    }

    /** Binary cross entropy on logits, mean: {@code F.binaryCrossEntropyWithLogits(x, y)}. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target) {
        return binaryCrossEntropyWithLogits(input, target, null, null, "mean");
    }

    /** Binary cross entropy on logits with a reduction: {@code F.binaryCrossEntropyWithLogits(x, y, "sum")}. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, String reduction) {
        return binaryCrossEntropyWithLogits(input, target, null, null, reduction);
    }

    /**
     * {@code sigmoid} + binary cross entropy in one stable formula (PyTorch's log-sum-exp form, so logits of ±100
     * give 100, not inf), with an element weight and a positive-class weight (either may be null)
     * (BinaryCrossEntropyWithLogitsBackward0): {@code F.binaryCrossEntropyWithLogits(x, y, null, Tensor.of(3f), "mean")}.
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor input, Tensor target, Tensor weight, Tensor posWeight,
                                                      String reduction) {
        checkReduction(reduction);
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("Target size (" + Shapes.torchSize(target.shape())
                    + ") must be the same as input size (" + Shapes.torchSize(input.shape()) + ")");
        }
        // max_val = max(-x, 0); log(1 + exp(-x)) = log(exp(-max_val) + exp(-x - max_val)) + max_val
        Tensor maxVal = input.neg().clampMin(0);
        Tensor softplusNeg = maxVal.neg().exp().add(input.neg().sub(maxVal).exp()).log().add(maxVal);
        Tensor l;
        if (posWeight != null) {
            Tensor logWeight = posWeight.sub(1).mul(target).add(1);
            l = target.rsub(1).mul(input).add(logWeight.mul(softplusNeg));
        } else {
            l = target.rsub(1).mul(input).add(softplusNeg);
        }
        if (weight != null) l = l.mul(weight);
        // weight and posWeight are differentiable too in PyTorch, so they are the node's inputs as well
        return NamedComposite.wrap("BinaryCrossEntropyWithLogitsBackward0", reduce(l, reduction), input, target, weight, posWeight);
    }

    /** KL divergence with input as log-probabilities and target as probabilities, mean: {@code F.klDiv(logq, p)}. */
    public static Tensor klDiv(Tensor input, Tensor target) { return klDiv(input, target, "mean", false); }

    /**
     * {@code target (log target - input)} (0 where target is 0), reductions mean/sum/none/batchmean, target given as
     * log-probabilities when {@code logTarget} (KlDivBackward0): {@code F.klDiv(logq, p, "batchmean", false)}.
     */
    public static Tensor klDiv(Tensor input, Tensor target, String reduction, boolean logTarget) {
        if (!"batchmean".equals(reduction)) checkReduction(reduction);
        if ("mean".equals(reduction)) {
            Warnings.warn("UserWarning: reduction: 'mean' divides the total loss by both the batch size and the support "
                    + "size.'batchmean' divides only by the batch size, and aligns with the KL div math definition.'mean' "
                    + "will be changed to behave the same as 'batchmean' in the next major release.");
        }
        Tensor l = logTarget ? target.exp().mul(target.sub(input)) : target.xlogy(target).sub(target.mul(input));
        Tensor out = "batchmean".equals(reduction)
                ? (input.dim() == 0 ? l.sum() : l.sum().div(input.size(0)))
                : reduce(l, reduction);
        return NamedComposite.wrap("KlDivBackward0", out, input, target);
    }

    // ================================================================================================
    // Helpers
    // ================================================================================================

    private record Flat(Tensor input, Tensor target, int[] targetShape) {}

    /** Brings input to [M, C] and target to [M] (class dim 1, or 0 for 1-D input), checking the batch sizes. */
    private static Flat flatten(Tensor input, Tensor target) {
        if (target.dtype() != DType.INT64) {
            throw new IllegalArgumentException("expected scalar type Long but found " + switch (target.dtype()) {
                case FLOAT32 -> "Float";
                case FLOAT64 -> "Double";
                case BOOL -> "Bool";
                case INT64 -> "Long";
            });
        }
        if (input.dim() == 1) {
            if (target.dim() != 0) {
                throw new IllegalArgumentException("1D target tensor expected, multi-target not supported");
            }
            return new Flat(input.unsqueeze(0), target.reshape(1), new int[0]);
        }
        if (input.dim() < 1) throw new IllegalArgumentException("input tensor should be 1D or 2D");
        if (input.size(0) != (target.dim() == 0 ? 1 : target.size(0)) || target.dim() != input.dim() - 1) {
            throw new IllegalArgumentException("Expected input batch_size (" + input.size(0) + ") to match target batch_size ("
                    + (target.dim() == 0 ? 1 : target.size(0)) + ").");
        }
        if (input.dim() == 2) return new Flat(input, target, target.shape());
        int[] perm = new int[input.dim()];
        perm[0] = 0;
        for (int i = 1; i < perm.length - 1; i++) perm[i] = i + 1;
        perm[perm.length - 1] = 1;
        Tensor moved = input.permute(perm).reshape(-1, input.size(1));
        return new Flat(moved, target.reshape(-1), target.shape());
    }

    private static Tensor reduce(Tensor l, String reduction) {
        return switch (reduction) {
            case "mean" -> l.mean();
            case "sum" -> l.sum();
            default -> l;
        };
    }

    private static void checkReduction(String reduction) {
        if (!"mean".equals(reduction) && !"sum".equals(reduction) && !"none".equals(reduction)) {
            throw new IllegalArgumentException(reduction + " is not a valid value for reduction");
        }
    }

    private static void warnSizeMismatch(Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            Warnings.warn("UserWarning: Using a target size (" + Shapes.torchSize(target.shape()) + ") that is different to "
                    + "the input size (" + Shapes.torchSize(input.shape()) + "). This will likely lead to incorrect results "
                    + "due to broadcasting. Please ensure they have the same size.");
        }
    }

    /** Python's {@code repr(float)}: {@code 0.01}, {@code 1e-05}, {@code 1.0}; used by the module reprs. */
    static String pyFloat(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0.0" : "0.0";
        BigDecimal bd = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        int exp = bd.precision() - bd.scale() - 1;
        String sign = v < 0 ? "-" : "";
        if (exp < -4 || exp >= 16) {
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mant + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
        }
        String plain = bd.toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }
}
