package dev.autograd4j.profiler;

import dev.autograd4j.ops.Op;

/** The ATen operator name PyTorch's profiler shows for each {@link Op} (exhaustive, so a new op must get one). */
final class OpNames {
    private OpNames() {}

    static String of(Op op) {
        return switch (op) {
            case Op.Add a -> "aten::add";
            case Op.Sub s -> "aten::sub";
            case Op.Mul m -> "aten::mul";
            case Op.Div d -> "aten::div";
            case Op.Pow p -> "aten::pow";
            case Op.Maximum m -> "aten::maximum";
            case Op.Minimum m -> "aten::minimum";
            case Op.Atan2 a -> "aten::atan2";
            case Op.Xlogy x -> "aten::xlogy";
            case Op.Where w -> "aten::where";
            case Op.Scalar s -> switch (s.kind()) {
                case ADD -> "aten::add";
                case SUB -> "aten::sub";
                case MUL -> "aten::mul";
                case DIV, RDIV -> "aten::div";
                case RSUB -> "aten::rsub";
                case POW, RPOW -> "aten::pow";
            };
            case Op.Unary u -> switch (u.fn()) {
                case SQUARE -> "aten::pow";
                default -> "aten::" + u.fn().name().toLowerCase(java.util.Locale.ROOT);
            };
            case Op.Clamp c -> c.min() != null && c.max() != null ? "aten::clamp"
                    : c.min() != null ? "aten::clamp_min" : "aten::clamp_max";
            case Op.LeakyRelu l -> "aten::leaky_relu";
            case Op.Elu e -> "aten::elu";
            case Op.Gelu g -> "aten::gelu";
            case Op.Softplus s -> "aten::softplus";
            case Op.Hardtanh h -> "aten::hardtanh";
            case Op.ToCopy t -> "aten::_to_copy";
            case Op.Clone c -> "aten::clone";
            case Op.Sum s -> "aten::sum";
            case Op.Mean m -> "aten::mean";
            case Op.Prod p -> "aten::prod";
            case Op.ExtremumAll e -> e.max() ? "aten::max" : "aten::min";
            case Op.ExtremumDim e -> e.max() ? "aten::max" : "aten::min";
            case Op.Amax a -> a.max() ? "aten::amax" : "aten::amin";
            case Op.Logsumexp l -> "aten::logsumexp";
            case Op.Norm n -> "aten::linalg_vector_norm";
            case Op.Var v -> v.std() ? "aten::std" : "aten::var";
            case Op.Softmax s -> "aten::_softmax";
            case Op.LogSoftmax s -> "aten::_log_softmax";
            case Op.Cumsum c -> "aten::cumsum";
            case Op.Cumprod c -> "aten::cumprod";
            case Op.Mm m -> "aten::mm";
            case Op.Mv m -> "aten::mv";
            case Op.Dot d -> "aten::dot";
            case Op.Bmm b -> "aten::bmm";
            case Op.Addmm a -> "aten::addmm";
            case Op.View v -> "aten::view";
            case Op.UnsafeView u -> "aten::_unsafe_view";
            case Op.Transpose t -> t.isT() ? "aten::t" : "aten::transpose";
            case Op.Permute p -> "aten::permute";
            case Op.Expand e -> "aten::expand";
            case Op.Select s -> "aten::select";
            case Op.Slice s -> "aten::slice";
            case Op.Squeeze s -> "aten::squeeze";
            case Op.Unsqueeze u -> "aten::unsqueeze";
            case Op.AsStrided a -> "aten::as_strided";
            case Op.Cat c -> "aten::cat";
            case Op.Stack s -> "aten::stack";
            case Op.Gather g -> "aten::gather";
            case Op.IndexSelect s -> "aten::index_select";
            case Op.Index i -> "aten::index";
            case Op.MaskedFill m -> "aten::masked_fill";
            case Op.ScatterAdd s -> "aten::scatter_add";
            case Op.IndexAdd a -> "aten::index_add";
            // ---- windows, padding, selection (issue 4) ----
            case Op.Im2Col i -> "aten::im2col";
            case Op.Col2Im c -> "aten::col2im";
            case Op.Convolution c -> "aten::convolution";
            case Op.MaxPool2d m -> "aten::max_pool2d_with_indices";
            case Op.MaxPool2dBackward m -> "aten::max_pool2d_with_indices_backward";
            case Op.ConstantPad p -> "aten::constant_pad_nd";
            case Op.ValuesAt v -> "aten::" + v.node().replaceAll("Backward\\d+$", "").toLowerCase();
            case Op.Unfold u -> "aten::unfold";
        };
    }
}
