#!/usr/bin/python3
"""Golden fixtures for the ops issue 4 added or moved onto window primitives: forward values, gradients and the
grad_fn name, from real PyTorch.

    /usr/bin/python3 tools/golden/gen_ops2.py        (writes core/src/test/resources/golden/ops2.json)

Schema: golden_common.py, plus "grad_fn": the name of PyTorch's node for output 0 (absent when it has none).
Java forms (x is inputs[0]; the test is core/src/test/java/dev/autograd4j/golden/Ops2GoldenTest.java):
  topk(int k, int dim, boolean largest) {k,dim,largest} -> outputs [values, indices]
  median() | median(int dim, boolean keepdim) {dim,keepdim} (-> outputs [values, indices])
  kthvalue(int k, int dim, boolean keepdim) {k,dim,keepdim} -> outputs [values, indices]
  unfold(int dim, int size, int step) {dim,size,step}                 (Tensor.unfold)
  diag(); tile(int... reps) {reps}; clampT(min, max): x.clamp(Tensor min, Tensor max), inputs [x, min, max]
  einsum(String equation, Tensor...) {equation}, inputs are the operands
  F.pad(x, int[] pad, double value) {pad,value}
  F.unfold(x, int[] kernel, int[] dilation, int[] padding, int[] stride) {kernel,dilation,padding,stride}
  F.fold(x, int[] outputSize, int[] kernel, int[] dilation, int[] padding, int[] stride) {outputSize,...}
  F.conv2d(x, w, b|null, int[] stride, int[] padding, int[] dilation, int groups) {stride,padding,dilation,groups},
     inputs [x, w] or [x, w, b]
  F.conv1d(x, w, b|null, int stride, int padding, int dilation, int groups) {stride,padding,dilation,groups}
  F.maxPool2d(x, int[] kernel, int[] stride, int[] padding, int[] dilation) {kernel,stride,padding,dilation}
  F.avgPool2d(x, int[] kernel, int[] stride, int[] padding) {kernel,stride,padding}
  F.groupNorm(x, int numGroups, w, b, double eps) {numGroups,eps}, inputs [x, w, b]
  F.batchNormEval(x, runningMean, runningVar, w, b, eps) {eps}: inputs [x, rm, rv, w, b] (rm, rv without grad)
  F.layerNorm(x, int[] normalizedShape, w, b, double eps) {normalizedShape,eps}
  F.linear(x, w, b) inputs [x, w, b]
"""
import torch
import torch.nn.functional as Fn

from golden_common import Builder, In, F, D, enc_tensor

B = Builder()


def case(cid, op, fn, inputs, args=None):
    """Records a case and, like the Java test checks, the grad_fn name of output 0."""
    seen = {}

    def run(*xs):
        out = fn(*xs)
        seen["out"] = out
        return out

    rec = B.case(cid, op, run, inputs, args)
    out = seen["out"]
    main = out[0] if isinstance(out, (tuple, list)) else out
    if main.grad_fn is not None:
        rec["grad_fn"] = main.grad_fn.name()
    return rec


L = lambda *v: In([len(v)], list(v), dtype="int64")

# ---- order statistics (values differentiable, indices int64) ----
case("topk/largest_dim1", "topk", lambda x: torch.topk(x, 2, 1, True), [D([3, 5], "tk1")], {"k": 2, "dim": 1, "largest": True})
case("topk/smallest_dim0_t", "topk", lambda x: torch.topk(x, 2, 0, False), [D([4, 3], "tk2", view=[["t"]])],
     {"k": 2, "dim": 0, "largest": False})
case("median/all", "median", lambda x: torch.median(x), [D([3, 4], "md1")])
case("median/all_even_count", "median", lambda x: torch.median(x), [D([2, 3], "md2", view=[["t"]])])
case("median/dim", "median", lambda x: torch.median(x, 1, False), [D([3, 5], "md3")], {"dim": 1, "keepdim": False})
case("median/dim_keepdim_even", "median", lambda x: torch.median(x, 0, True), [D([4, 3], "md4")], {"dim": 0, "keepdim": True})
case("kthvalue/dim_last", "kthvalue", lambda x: torch.kthvalue(x, 2, -1, False), [D([3, 4], "kv1")],
     {"k": 2, "dim": -1, "keepdim": False})
case("kthvalue/keepdim_sliced", "kthvalue", lambda x: torch.kthvalue(x, 3, 1, True),
     [D([2, 8], "kv2", view=[["slice", 1, 0, 8, 2]])], {"k": 3, "dim": 1, "keepdim": True})
case("sort/stable_rows", "sort", lambda x: torch.sort(x, 1, True), [D([2, 4], "so1")], {"dim": 1, "descending": True})

# ---- shape ops ----
case("unfold/overlapping", "unfold", lambda x: x.unfold(1, 3, 1), [F([2, 5], "uf1")], {"dim": 1, "size": 3, "step": 1})
case("unfold/step_gap", "unfold", lambda x: x.unfold(0, 2, 3), [F([7, 2], "uf2")], {"dim": 0, "size": 2, "step": 3})
case("unfold/noncontig", "unfold", lambda x: x.unfold(0, 2, 1), [F([3, 4], "uf3", view=[["t"]])], {"dim": 0, "size": 2, "step": 1})
case("diag/vector", "diag", lambda x: torch.diag(x), [F([3], "dg1")])
case("diag/matrix", "diag", lambda x: torch.diag(x), [F([3, 4], "dg2")])
case("tile/fewer_reps", "tile", lambda x: x.tile((2,)), [F([2, 3], "tl1")], {"reps": [2]})
case("tile/more_reps", "tile", lambda x: x.tile((2, 1, 2)), [F([2, 3], "tl2")], {"reps": [2, 1, 2]})
case("clampT/broadcast", "clampT", lambda x, lo, hi: torch.clamp(x, lo, hi),
     [D([2, 3], "ct1"), F([3], "ct2", -1.0, -0.2), F([2, 1], "ct3", 0.2, 1.0)])

# ---- einsum, the common two-operand forms ----
case("einsum/mm", "einsum", lambda a, b: torch.einsum("ij,jk->ik", a, b), [F([2, 3], "e1"), F([3, 4], "e2")],
     {"equation": "ij,jk->ik"})
case("einsum/bmm", "einsum", lambda a, b: torch.einsum("bij,bjk->bik", a, b), [F([2, 2, 3], "e3"), F([2, 3, 2], "e4")],
     {"equation": "bij,bjk->bik"})
case("einsum/abt_noncontig", "einsum", lambda a, b: torch.einsum("ij,kj->ik", a, b),
     [F([3, 2], "e5", view=[["t"]]), F([4, 3], "e6")], {"equation": "ij,kj->ik"})
case("einsum/outer", "einsum", lambda a, b: torch.einsum("i,j->ij", a, b), [F([3], "e7"), F([2], "e8")],
     {"equation": "i,j->ij"})
case("einsum/rowdot", "einsum", lambda a, b: torch.einsum("ij,ij->i", a, b), [F([2, 3], "e9"), F([2, 3], "e10")],
     {"equation": "ij,ij->i"})
case("einsum/implicit_sum_free", "einsum", lambda a, b: torch.einsum("bi,bj", a, b), [F([3, 2], "e11"), F([3, 4], "e12")],
     {"equation": "bi,bj"})
case("einsum/transpose", "einsum", lambda a: torch.einsum("ijk->kj", a), [F([2, 3, 2], "e13")], {"equation": "ijk->kj"})
case("einsum/bilinear_reduce", "einsum", lambda a, b: torch.einsum("bhqd,bhkd->bhqk", a, b),
     [F([1, 2, 3, 2], "e14"), F([1, 2, 4, 2], "e15")], {"equation": "bhqd,bhkd->bhqk"})

# ---- padding ----
case("pad/last_dim", "pad", lambda x: Fn.pad(x, (1, 2)), [F([2, 3], "p1")], {"pad": [1, 2], "value": 0.0})
case("pad/two_dims_value", "pad", lambda x: Fn.pad(x, (1, 0, 2, 1), value=0.5), [F([2, 3, 2], "p2")],
     {"pad": [1, 0, 2, 1], "value": 0.5})
case("pad/crop_negative", "pad", lambda x: Fn.pad(x, (-1, 1, 0, -1)), [F([3, 4], "p3")], {"pad": [-1, 1, 0, -1], "value": 0.0})
case("pad/noncontig_expand", "pad", lambda x: Fn.pad(x, (1, 1)), [F([3], "p4", view=[["expand", [2, 3]]])],
     {"pad": [1, 1], "value": 0.0})

# ---- im2col / col2im ----
case("funfold/3x3_pad1", "funfold", lambda x: Fn.unfold(x, (3, 3), 1, 1, 1), [F([2, 2, 4, 4], "fu1")],
     {"kernel": [3, 3], "dilation": [1, 1], "padding": [1, 1], "stride": [1, 1]})
case("funfold/rect_stride_dil", "funfold", lambda x: Fn.unfold(x, (2, 3), (2, 1), (0, 1), (1, 2)),
     [F([1, 2, 5, 6], "fu2", view=[["permute", [0, 1, 3, 2]]])],
     {"kernel": [2, 3], "dilation": [2, 1], "padding": [0, 1], "stride": [1, 2]})
case("ffold/overlapping", "ffold", lambda x: Fn.fold(x, (4, 5), (2, 2), 1, 0, 1), [F([2, 8, 12], "ff1")],
     {"outputSize": [4, 5], "kernel": [2, 2], "dilation": [1, 1], "padding": [0, 0], "stride": [1, 1]})
case("ffold/stride_pad", "ffold", lambda x: Fn.fold(x, (5, 5), (3, 3), 1, 1, 2), [F([1, 9, 9], "ff2")],
     {"outputSize": [5, 5], "kernel": [3, 3], "dilation": [1, 1], "padding": [1, 1], "stride": [2, 2]})


# ---- convolution ----
def conv2d_case(cid, xs, ws, bias, stride, padding, dilation, groups, xview=None, wview=None):
    ins = [F(xs, cid + "x", view=xview), F(ws, cid + "w", -0.5, 0.5, view=wview)]
    if bias:
        ins.append(F([ws[0] if not wview else ws[1]], cid + "b"))
    args = {"stride": stride, "padding": padding, "dilation": dilation, "groups": groups}
    case(cid, "conv2d", lambda x, w, b=None: Fn.conv2d(x, w, b, stride, padding, dilation, groups), ins, args)


conv2d_case("conv2d/3x3_pad1_bias", [2, 3, 5, 5], [4, 3, 3, 3], True, [1, 1], [1, 1], [1, 1], 1)
conv2d_case("conv2d/stride_dil_rect_nobias", [1, 2, 7, 6], [3, 2, 3, 2], False, [2, 1], [1, 0], [1, 2], 1)
conv2d_case("conv2d/groups3", [2, 6, 4, 4], [6, 2, 2, 2], True, [1, 1], [0, 0], [1, 1], 3)
conv2d_case("conv2d/depthwise_pad2", [1, 4, 5, 5], [4, 1, 3, 3], True, [1, 1], [2, 2], [1, 1], 4)
conv2d_case("conv2d/noncontig_input_weight", [2, 5, 5, 2], [2, 2, 3, 3], True, [1, 1], [1, 1], [1, 1], 1,
            xview=[["permute", [0, 3, 1, 2]]], wview=[["transpose", 0, 1]])
conv2d_case("conv2d/unbatched", [2, 4, 4], [3, 2, 2, 2], True, [1, 1], [0, 0], [1, 1], 1)
conv2d_case("conv2d/mnist_5x5_pad2", [2, 1, 8, 8], [4, 1, 5, 5], True, [1, 1], [2, 2], [1, 1], 1)


def conv1d_case(cid, xs, ws, bias, stride, padding, dilation, groups, xview=None):
    ins = [F(xs, cid + "x", view=xview), F(ws, cid + "w", -0.5, 0.5)]
    if bias:
        ins.append(F([ws[0]], cid + "b"))
    args = {"stride": stride, "padding": padding, "dilation": dilation, "groups": groups}
    case(cid, "conv1d", lambda x, w, b=None: Fn.conv1d(x, w, b, stride, padding, dilation, groups), ins, args)


conv1d_case("conv1d/stride2_pad1_bias", [2, 3, 9], [4, 3, 3], True, 2, 1, 1, 1)
conv1d_case("conv1d/dil2_groups2_nobias", [1, 4, 8], [2, 2, 2], False, 1, 0, 2, 2)
conv1d_case("conv1d/noncontig", [2, 7, 3], [2, 2, 3], True, 1, 1, 1, 1, xview=[["transpose", 1, 2], ["slice", 1, 0, 3, 2]])

# ---- pooling ----
case("maxPool2d/2x2", "maxPool2d", lambda x: Fn.max_pool2d(x, 2, 2, 0, 1), [D([2, 2, 4, 6], "mp1")],
     {"kernel": [2, 2], "stride": [2, 2], "padding": [0, 0], "dilation": [1, 1]})
case("maxPool2d/3x3_s2_p1", "maxPool2d", lambda x: Fn.max_pool2d(x, 3, 2, 1, 1), [D([1, 2, 5, 5], "mp2")],
     {"kernel": [3, 3], "stride": [2, 2], "padding": [1, 1], "dilation": [1, 1]})
case("maxPool2d/dilation_rect_noncontig", "maxPool2d", lambda x: Fn.max_pool2d(x, (2, 3), (1, 2), (1, 1), (2, 1)),
     [D([1, 6, 7, 2], "mp3", view=[["permute", [0, 3, 1, 2]]])],
     {"kernel": [2, 3], "stride": [1, 2], "padding": [1, 1], "dilation": [2, 1]})
case("maxPool2d/overlapping_unbatched", "maxPool2d", lambda x: Fn.max_pool2d(x, 2, 1, 0, 1), [D([2, 3, 4], "mp4")],
     {"kernel": [2, 2], "stride": [1, 1], "padding": [0, 0], "dilation": [1, 1]})
case("avgPool2d/3x2_s2_p1", "avgPool2d", lambda x: Fn.avg_pool2d(x, (3, 2), (2, 1), (1, 1)), [F([2, 2, 5, 4], "ap1")],
     {"kernel": [3, 2], "stride": [2, 1], "padding": [1, 1]})
case("avgPool2d/noncontig", "avgPool2d", lambda x: Fn.avg_pool2d(x, 2, 2, 0), [F([1, 4, 4, 2], "ap2", view=[["permute", [0, 3, 1, 2]]])],
     {"kernel": [2, 2], "stride": [2, 2], "padding": [0, 0]})

# ---- normalisation ----
case("groupNorm/2_groups", "groupNorm", lambda x, w, b: Fn.group_norm(x, 2, w, b, 1e-5),
     [F([2, 4, 3], "gn1"), F([4], "gn2"), F([4], "gn3")], {"numGroups": 2, "eps": 1e-5})
case("groupNorm/4d_noncontig", "groupNorm", lambda x, w, b: Fn.group_norm(x, 3, w, b, 1e-3),
     [F([2, 3, 3, 6], "gn4", view=[["permute", [0, 3, 1, 2]]]), F([6], "gn5"), F([6], "gn6")], {"numGroups": 3, "eps": 1e-3})
case("batchNormEval/noncontig", "batchNormEval",
     lambda x, rm, rv, w, b: Fn.batch_norm(x, rm, rv, w, b, False, 0.1, 1e-5),
     [F([3, 2, 4], "bn1", view=[["transpose", 0, 1]]), F([3], "bn2", rg=False), F([3], "bn3", 0.5, 2.0, rg=False),
      F([3], "bn4"), F([3], "bn5")], {"eps": 1e-5})
case("layerNorm/broadcast_affine", "layerNorm", lambda x, w, b: Fn.layer_norm(x, [3], w, b, 1e-5),
     [F([2, 3], "ln1", view=[["expand", [4, 2, 3]]]), F([3], "ln2"), F([3], "ln3")], {"normalizedShape": [3], "eps": 1e-5})
case("linear/broadcast_batch", "linear", lambda x, w, b: Fn.linear(x, w, b),
     [F([2, 3, 4], "li1", view=[["transpose", 0, 1]]), F([5, 4], "li2"), F([5], "li3")])

# ---- SPEC section 3 style edge cases of these ops: ties, NaN, inf ----
NAN, INF = "nan", "inf"
case("median/edge_nan_all", "median", lambda x: torch.median(x), [In([4], [1.0, NAN, 3.0, 2.0])])
case("median/edge_tie_all", "median", lambda x: torch.median(x), [In([4], [1.0, 2.0, 2.0, 3.0])])
case("median/edge_nan_dim", "median", lambda x: torch.median(x, 1, False),
     [In([2, 3], [1.0, NAN, 3.0, 2.0, 1.0, 0.0])], {"dim": 1, "keepdim": False})
case("maxPool2d/edge_ties_first_wins", "maxPool2d", lambda x: Fn.max_pool2d(x, 2, 2, 0, 1),
     [In([1, 1, 2, 4], [1.0, 1.0, 2.0, 0.0, 1.0, 1.0, 2.0, 2.0])],
     {"kernel": [2, 2], "stride": [2, 2], "padding": [0, 0], "dilation": [1, 1]})
case("maxPool2d/edge_nan_wins", "maxPool2d", lambda x: Fn.max_pool2d(x, 2, 2, 0, 1),
     [In([1, 1, 2, 4], [1.0, NAN, 2.0, 5.0, 3.0, 1.0, "-inf", 2.0])],
     {"kernel": [2, 2], "stride": [2, 2], "padding": [0, 0], "dilation": [1, 1]})
case("maxPool2d/edge_all_minus_inf_padded", "maxPool2d", lambda x: Fn.max_pool2d(x, 3, 1, 1, 1),
     [In([1, 1, 2, 2], ["-inf", "-inf", "-inf", 1.0])],
     {"kernel": [3, 3], "stride": [1, 1], "padding": [1, 1], "dilation": [1, 1]})
case("pad/edge_inf_value", "pad", lambda x: Fn.pad(x, (1, 1), value=float("-inf")), [F([2, 2], "pe1")],
     {"pad": [1, 1], "value": float("-inf")})
case("conv2d/edge_nan_input", "conv2d", lambda x, w, b: Fn.conv2d(x, w, b, 1, 0, 1, 1),
     [In([1, 1, 3, 3], [1.0, 2.0, 0.5, NAN, 1.0, 2.0, 0.0, 1.0, 3.0]), F([1, 1, 2, 2], "cnw"), F([1], "cnb")],
     {"stride": [1, 1], "padding": [0, 0], "dilation": [1, 1], "groups": 1})
case("sort/edge_nan_last", "sort", lambda x: torch.sort(x, 0, False), [In([4], [2.0, NAN, -1.0, 0.5])],
     {"dim": 0, "descending": False})

B.write("ops2.json")
