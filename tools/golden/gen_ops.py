#!/usr/bin/python3
"""Golden op fixtures: forward values and gradients from real PyTorch.

    /usr/bin/python3 tools/golden/gen_ops.py        (Debian python3-torch; writes
                                                     core/src/test/resources/golden/ops.json)

Schema: see golden_common.py. "op" is the Java method name; "args" holds the non-tensor arguments under the
Java parameter names below; tensor arguments are "inputs" in Java argument order, receiver first
(static ops: where(cond, a, b), cat/stack(list, dim) take all inputs as the tensors).

Java forms (x is inputs[0]):
  add/sub: add(Tensor other) | add(double other) {other} | add(Tensor other, double alpha) {alpha}
  mul/div: (Tensor other) | (double other) {other}
  pow: pow(double exponent) {exponent} | pow(Tensor exponent)
  rsub/rdiv/rpow(double other) {other}: other - x, other / x, other ** x
  clamp(double min, double max) {min,max}; clampMin(double min) {min}; clampMax(double max) {max}
  maximum/minimum/atan2/xlogy(Tensor other)
  gt/lt/ge/le/eq/ne: (Tensor other) | (double other) {other}   -> bool, no grads
  where(cond, a, b) (static)
  sum/mean: () | (int[] dims, boolean keepdim) {dims,keepdim}
  prod: () | (int dim, boolean keepdim) {dim,keepdim}
  max/min: () | (int dim, boolean keepdim) {dim,keepdim} -> outputs [values, indices(int64)]
  amax/amin/logsumexp(int[] dims, boolean keepdim) {dims,keepdim}
  argmax/argmin: () | (int dim, boolean keepdim) {dim,keepdim} -> int64
  norm: () | (double p) {p} | (double p, int[] dims, boolean keepdim) {p,dims,keepdim}  (p may be "inf")
  var/std: () | (int[] dims, boolean unbiased, boolean keepdim) {dims,unbiased,keepdim}
  softmax/logSoftmax/cumsum/cumprod(int dim) {dim}
  sort(int dim, boolean descending) {dim,descending} -> outputs [values, indices]
  matmul/mm/bmm/mv/dot/outer(Tensor other); trace()
  view/reshape(int... shape) {shape}; t(); transpose(int dim0, int dim1) {dim0,dim1}; permute(int... dims) {dims}
  expand(int... sizes) {sizes}; select(int dim, int index) {dim,index}
  slice(int dim, int start, int end, int step) {dim,start,end,step}; narrow(int dim, int start, int length)
  squeeze() | squeeze(int dim) {dim}; unsqueeze(int dim) {dim}; flatten() | flatten(int startDim, int endDim)
  contiguous(); clone(); cat/stack(List<Tensor>, int dim) {dim}; repeat(int... repeats) {repeats}
  flip(int... dims) {dims}; roll(int shift, int dim) {shift,dim}; tril/triu(int diagonal) {diagonal}
  diagonal(); chunk(int chunks, int dim) {chunks,dim}; split(int size, int dim) {size,dim}; unbind(int dim) {dim}
     (chunk/split/unbind -> outputs; grad_output is for outputs[0] only)
  gather(int dim, Tensor index) {dim}, inputs [x, index]; indexSelect(int dim, Tensor index) {dim}
  index(Tensor indices): x[indices] (int64 along dim 0, or a bool mask of x's shape), inputs [x, indices]
  maskedFill(Tensor mask, double value) {value}, inputs [x, mask]
  leakyRelu(double negativeSlope) {negativeSlope}; elu(double alpha) {alpha}; gelu() | gelu(String approximate)
  {approximate: "tanh"}; unary ops without arguments otherwise.
"""
import math

import torch
import torch.nn.functional as Fn

from golden_common import Builder, In, F, D, rand, distinct

B = Builder()
case = B.case


# ----------------------------------------------------------------------------------------------------------
# elementwise binary arithmetic
# ----------------------------------------------------------------------------------------------------------
def binary_arith(op, tfn, positive_other=False):
    lo = 0.5 if positive_other else -2.0
    hi = 2.5 if positive_other else 2.0
    k = op
    case(f"{op}/same_2x3", op, tfn, [F([2, 3], k + "a"), F([2, 3], k + "b", lo, hi)])
    case(f"{op}/broadcast_2x3_3", op, tfn, [F([2, 3], k + "c"), F([3], k + "d", lo, hi)])
    case(f"{op}/broadcast_3x1_1x4", op, tfn, [F([3, 1], k + "e"), F([1, 4], k + "f", lo, hi)])
    case(f"{op}/broadcast_4_2x3x4", op, tfn, [F([4], k + "g"), F([2, 3, 4], k + "h", lo, hi)])
    case(f"{op}/zerodim_other", op, tfn, [F([2, 3], k + "i"), F([], k + "j", lo, hi)])
    case(f"{op}/zerodim_self", op, tfn, [F([], k + "k"), F([3], k + "l", lo, hi)])
    case(f"{op}/zerodim_both", op, tfn, [F([], k + "m"), F([], k + "n", lo, hi)])
    case(f"{op}/noncontig_t", op, tfn, [F([3, 2], k + "o", view=[["t"]]), F([2, 3], k + "p", lo, hi)])
    case(f"{op}/noncontig_expand_slice", op, tfn,
         [F([3], k + "q", view=[["expand", [2, 3]]]), F([2, 6], k + "r", lo, hi, view=[["slice", 1, 0, 6, 2]])])
    case(f"{op}/other_no_grad", op, tfn, [F([2, 2], k + "s"), F([2, 2], k + "t", lo, hi, rg=False)])
    sc = 2.5 if op != "div" else -1.25
    case(f"{op}/scalar", op, lambda x: tfn(x, sc), [F([2, 3], k + "u")], args={"other": sc})
    case(f"{op}/scalar_zerodim", op, lambda x: tfn(x, 0.75), [F([], k + "v")], args={"other": 0.75})


binary_arith("add", lambda a, b: a + b)
binary_arith("sub", lambda a, b: a - b)
binary_arith("mul", lambda a, b: a * b)
binary_arith("div", lambda a, b: a / b, positive_other=True)
for op, tfn in (("add", torch.add), ("sub", torch.sub)):
    case(f"{op}/alpha_2x3", op, lambda a, b, f=tfn: f(a, b, alpha=2.0), [F([2, 3], op + "A"), F([2, 3], op + "B")],
         args={"alpha": 2.0})
    case(f"{op}/alpha_broadcast", op, lambda a, b, f=tfn: f(a, b, alpha=-0.5), [F([2, 3], op + "C"), F([3], op + "D")],
         args={"alpha": -0.5})

# type promotion
I64 = lambda shape, data: In(shape, data, dtype="int64", rg=False)
case("add/promote_int64_float32", "add", lambda a, b: a + b, [I64([3], [1, -2, 3]), F([3], "padd")])
case("add/promote_float32_int64", "add", lambda a, b: a + b, [F([2, 3], "padd2"), I64([3], [4, 5, -6])])
case("add/promote_int64_scalar", "add", lambda a: a + 2.5, [I64([3], [1, 2, 3])], args={"other": 2.5})
case("add/int64_int64", "add", lambda a, b: a + b, [I64([3], [1, 2, 3]), I64([3], [10, -20, 30])])
case("mul/promote_float32_float64", "mul", lambda a, b: a * b,
     [F([2], "pmul1"), F([2], "pmul2", dtype="float64")])
case("mul/promote_float64_float32_broadcast", "mul", lambda a, b: a * b,
     [F([2, 3], "pmul3", dtype="float64"), F([3], "pmul4")])
case("mul/zerodim_float64_no_promote", "mul", lambda a, b: a * b,
     [F([3], "pmul5"), F([], "pmul6", dtype="float64")])
case("mul/promote_int64_float32", "mul", lambda a, b: a * b, [I64([2], [1, 2]), F([2], "pmul7")])
case("sub/promote_float32_float64", "sub", lambda a, b: a - b, [F([3], "psub1"), F([3], "psub2", dtype="float64")])
case("div/int64_int64_true_div", "div", lambda a, b: a / b, [I64([3], [1, 7, -9]), I64([3], [2, 2, 4])])
case("div/promote_int64_float32", "div", lambda a, b: a / b, [I64([3], [1, 7, -9]), F([3], "pdiv", 0.5, 2.0)])
case("add/float64_same", "add", lambda a, b: a + b,
     [F([2, 2], "f64a", dtype="float64"), F([2, 2], "f64b", dtype="float64")])

# pow
case("pow/scalar2", "pow", lambda x: x ** 2.0, [F([2, 3], "pow1")], args={"exponent": 2.0})
case("pow/scalar3", "pow", lambda x: x ** 3.0, [F([4], "pow2")], args={"exponent": 3.0})
case("pow/scalar_half", "pow", lambda x: x ** 0.5, [F([2, 3], "pow3", 0.2, 3.0)], args={"exponent": 0.5})
case("pow/scalar_neg1_5", "pow", lambda x: x ** -1.5, [F([3], "pow4", 0.3, 2.0)], args={"exponent": -1.5})
case("pow/scalar_zerodim", "pow", lambda x: x ** 2.5, [F([], "pow5", 0.5, 2.0)], args={"exponent": 2.5})
case("pow/scalar_noncontig", "pow", lambda x: x ** 2.0, [F([3, 2], "pow6", view=[["t"]])], args={"exponent": 2.0})
case("pow/tensor_same", "pow", lambda x, e: x ** e, [F([2, 3], "pow7", 0.3, 2.5), F([2, 3], "pow8", -1.5, 1.5)])
case("pow/tensor_broadcast", "pow", lambda x, e: x ** e, [F([2, 3], "pow9", 0.3, 2.5), F([3], "pow10", -1.5, 1.5)])
case("pow/tensor_zerodim_exponent", "pow", lambda x, e: x ** e, [F([3], "pow11", 0.3, 2.5), F([], "pow12", 0.5, 2.0)])
case("pow/tensor_float64", "pow", lambda x, e: x ** e,
     [F([3], "pow13", 0.3, 2.5, dtype="float64"), F([3], "pow14", -1.0, 2.0, dtype="float64")])

# reversed scalar forms
case("rsub/basic", "rsub", lambda x: 1.0 - x, [F([2, 3], "rsub1")], args={"other": 1.0})
case("rsub/zerodim", "rsub", lambda x: 3.5 - x, [F([], "rsub2")], args={"other": 3.5})
case("rdiv/basic", "rdiv", lambda x: 2.0 / x, [F([2, 3], "rdiv1", 0.5, 2.5)], args={"other": 2.0})
case("rdiv/negative", "rdiv", lambda x: -1.5 / x, [F([4], "rdiv2", -2.5, -0.5)], args={"other": -1.5})
case("rpow/basic", "rpow", lambda x: 2.0 ** x, [F([2, 3], "rpow1")], args={"other": 2.0})
case("rpow/base_e_like", "rpow", lambda x: 0.5 ** x, [F([3], "rpow2")], args={"other": 0.5})

# maximum/minimum/atan2/xlogy
def _no_tie(f):
    def g(a, b):
        assert bool((a != b).all()), "unexpected tie"
        return f(a, b)
    return g


for op, tfn0 in (("maximum", torch.maximum), ("minimum", torch.minimum)):
    tfn = _no_tie(tfn0)
    case(f"{op}/same_2x3", op, tfn, [D([2, 3], op + "1"), D([2, 3], op + "2", scale=0.41)])
    case(f"{op}/broadcast_2x3_3", op, tfn, [D([2, 3], op + "3"), D([3], op + "4", scale=0.53)])
    case(f"{op}/noncontig", op, tfn, [D([3, 2], op + "5", view=[["t"]]), D([2, 3], op + "6", scale=0.29)])
    case(f"{op}/tie", op, tfn0, [In([3], [1.0, 2.0, 3.0]), In([3], [1.0, 5.0, 0.0])])
case("atan2/same_2x3", "atan2", torch.atan2, [F([2, 3], "atan2a"), F([2, 3], "atan2b")])
case("atan2/broadcast", "atan2", torch.atan2, [F([2, 3], "atan2c"), F([3], "atan2d")])
case("atan2/negative_x", "atan2", torch.atan2, [F([4], "atan2e"), F([4], "atan2f", -2.0, -0.3)])
case("xlogy/same_2x3", "xlogy", torch.xlogy, [F([2, 3], "xlogy1"), F([2, 3], "xlogy2", 0.2, 3.0)])
case("xlogy/broadcast", "xlogy", torch.xlogy, [F([2, 3], "xlogy3"), F([3], "xlogy4", 0.2, 3.0)])
case("xlogy/zero_x", "xlogy", torch.xlogy, [In([3], [0.0, 1.5, 0.0]), In([3], [2.0, 0.5, 0.25])])

# ----------------------------------------------------------------------------------------------------------
# elementwise unary
# ----------------------------------------------------------------------------------------------------------
UNARY = [
    # op, torch fn, (lo, hi) domain
    ("neg", torch.neg, (-2, 2)),
    ("exp", torch.exp, (-2, 2)),
    ("log", torch.log, (0.1, 4)),
    ("sin", torch.sin, (-3, 3)),
    ("cos", torch.cos, (-3, 3)),
    ("tan", torch.tan, (-1.2, 1.2)),
    ("tanh", torch.tanh, (-2, 2)),
    ("sigmoid", torch.sigmoid, (-3, 3)),
    ("relu", torch.relu, (-2, 2)),
    ("sqrt", torch.sqrt, (0.1, 4)),
    ("abs", torch.abs, (-2, 2)),
    ("sign", torch.sign, (-2, 2)),
    ("floor", torch.floor, (-3, 3)),
    ("ceil", torch.ceil, (-3, 3)),
    ("round", torch.round, (-3, 3)),
    ("silu", Fn.silu, (-3, 3)),
    ("softplus", Fn.softplus, (-3, 3)),
    ("hardtanh", Fn.hardtanh, (-1.9, 1.9)),
    ("relu6", Fn.relu6, (-2, 8)),
    ("log1p", torch.log1p, (-0.8, 3)),
    ("expm1", torch.expm1, (-2, 2)),
    ("log2", torch.log2, (0.1, 4)),
    ("rsqrt", torch.rsqrt, (0.1, 4)),
    ("reciprocal", torch.reciprocal, (0.2, 3)),
    ("square", torch.square, (-2, 2)),
    ("asin", torch.asin, (-0.95, 0.95)),
    ("acos", torch.acos, (-0.95, 0.95)),
    ("atan", torch.atan, (-3, 3)),
    ("sinh", torch.sinh, (-2, 2)),
    ("cosh", torch.cosh, (-2, 2)),
    ("erf", torch.erf, (-2, 2)),
    ("gelu", Fn.gelu, (-3, 3)),
]
for op, tfn, (lo, hi) in UNARY:
    case(f"{op}/2x3", op, tfn, [F([2, 3], op + "u1", lo, hi)])
    case(f"{op}/noncontig_t_3x2", op, tfn, [F([2, 3], op + "u2", lo, hi, view=[["t"]])])
    case(f"{op}/zerodim", op, tfn, [F([], op + "u3", lo, hi)])
case("reciprocal/negative", "reciprocal", torch.reciprocal, [F([4], "recneg", -3, -0.2)])
case("log/float64", "log", torch.log, [F([2, 2], "logf64", 0.1, 4, dtype="float64")])
case("exp/float64", "exp", torch.exp, [F([2, 2], "expf64", dtype="float64")])
case("round/half_to_even", "round", torch.round, [In([6], [0.5, 1.5, 2.5, -0.5, -1.5, 3.49])])
case("sign/with_zero", "sign", torch.sign, [In([3], [-1.5, 0.0, 2.0])])
case("neg/int64", "neg", torch.neg, [I64([3], [1, -2, 3])])
case("abs/int64", "abs", torch.abs, [I64([3], [1, -2, 3])])
case("gelu/tanh_2x3", "gelu", lambda x: Fn.gelu(x, approximate="tanh"), [F([2, 3], "gelut1", -3, 3)],
     args={"approximate": "tanh"})
case("gelu/tanh_noncontig", "gelu", lambda x: Fn.gelu(x, approximate="tanh"),
     [F([2, 3], "gelut2", -3, 3, view=[["t"]])], args={"approximate": "tanh"})
case("leakyRelu/default_slope", "leakyRelu", lambda x: Fn.leaky_relu(x, 0.01), [F([2, 3], "lrelu1")],
     args={"negativeSlope": 0.01})
case("leakyRelu/slope_0_2", "leakyRelu", lambda x: Fn.leaky_relu(x, 0.2), [F([2, 3], "lrelu2", view=[["t"]])],
     args={"negativeSlope": 0.2})
case("elu/alpha1", "elu", lambda x: Fn.elu(x, 1.0), [F([2, 3], "elu1")], args={"alpha": 1.0})
case("elu/alpha0_5", "elu", lambda x: Fn.elu(x, 0.5), [F([4], "elu2")], args={"alpha": 0.5})

# clamp
case("clamp/2x3", "clamp", lambda x: x.clamp(-0.5, 0.75), [F([2, 3], "clamp1")], args={"min": -0.5, "max": 0.75})
case("clamp/noncontig", "clamp", lambda x: x.clamp(-1.0, 1.0), [F([3, 2], "clamp2", view=[["t"]])],
     args={"min": -1.0, "max": 1.0})
case("clampMin/2x3", "clampMin", lambda x: x.clamp(min=0.25), [F([2, 3], "clampmin1")], args={"min": 0.25})
case("clampMin/zerodim", "clampMin", lambda x: x.clamp(min=-0.3), [F([], "clampmin2")], args={"min": -0.3})
case("clampMax/2x3", "clampMax", lambda x: x.clamp(max=0.25), [F([2, 3], "clampmax1")], args={"max": 0.25})
case("clampMax/zerodim", "clampMax", lambda x: x.clamp(max=-0.3), [F([], "clampmax2")], args={"max": -0.3})

# comparisons: bool outputs, nothing to differentiate
CMP = {"gt": torch.gt, "lt": torch.lt, "ge": torch.ge, "le": torch.le, "eq": torch.eq, "ne": torch.ne}
for op, tfn in CMP.items():
    a = In([2, 3], [0.5, -1.0, 2.0, 1.5, 0.0, -0.25], rg=True)
    b = In([2, 3], [0.5, 1.0, -2.0, 1.5, 0.25, -0.5], rg=False)
    case(f"{op}/tensor_with_equal", op, tfn, [a, b])
    case(f"{op}/broadcast", op, tfn, [In([2, 3], [0.5, -1.0, 2.0, 1.5, 0.0, -0.25], rg=False),
                                      In([3], [0.5, 0.0, 1.0], rg=False)])
    case(f"{op}/scalar", op, lambda x, f=tfn: f(x, 0.5), [In([4], [0.5, -1.0, 2.0, 0.25], rg=False)],
         args={"other": 0.5})
case("gt/int64_vs_float32", "gt", torch.gt, [I64([3], [1, 2, 3]), In([3], [1.5, 2.0, 2.5], rg=False)])
case("eq/int64_scalar", "eq", lambda x: x == 2.0, [I64([3], [1, 2, 3])], args={"other": 2.0})

# where
case("where/same_2x3", "where", torch.where,
     [In([2, 3], [True, False, True, False, False, True], dtype="bool"), F([2, 3], "where1"), F([2, 3], "where2")])
case("where/broadcast", "where", torch.where,
     [In([3], [True, False, True], dtype="bool"), F([2, 3], "where3"), F([2, 1], "where4")])
case("where/zerodim_other", "where", torch.where,
     [In([2, 2], [False, True, True, False], dtype="bool"), F([2, 2], "where5"), F([], "where6")])
case("where/float64_promote", "where", torch.where,
     [In([3], [True, False, True], dtype="bool"), F([3], "where7"), F([3], "where8", dtype="float64")])

# ----------------------------------------------------------------------------------------------------------
# reductions
# ----------------------------------------------------------------------------------------------------------
case("sum/all_2x3", "sum", lambda x: x.sum(), [F([2, 3], "sum1")])
case("sum/all_zerodim", "sum", lambda x: x.sum(), [F([], "sum2")])
case("sum/all_noncontig", "sum", lambda x: x.sum(), [F([3, 4], "sum3", view=[["slice", 1, 0, 4, 2]])])
case("sum/dim0", "sum", lambda x: x.sum([0], False), [F([2, 3], "sum4")], args={"dims": [0], "keepdim": False})
case("sum/dim1_keepdim", "sum", lambda x: x.sum([1], True), [F([2, 3], "sum5")], args={"dims": [1], "keepdim": True})
case("sum/dims_0_2_3d", "sum", lambda x: x.sum([0, 2], False), [F([2, 3, 4], "sum6")],
     args={"dims": [0, 2], "keepdim": False})
case("sum/dim_neg1_keepdim_3d", "sum", lambda x: x.sum([-1], True), [F([2, 3, 2], "sum7")],
     args={"dims": [-1], "keepdim": True})
case("sum/dim_transposed", "sum", lambda x: x.sum([0], False), [F([2, 3], "sum8", view=[["t"]])],
     args={"dims": [0], "keepdim": False})
case("sum/int64", "sum", lambda x: x.sum(), [I64([4], [1, 2, 3, -10])])
case("mean/all_2x3", "mean", lambda x: x.mean(), [F([2, 3], "mean1")])
case("mean/all_zerodim", "mean", lambda x: x.mean(), [F([], "mean2")])
case("mean/dim0", "mean", lambda x: x.mean([0], False), [F([3, 2], "mean3")], args={"dims": [0], "keepdim": False})
case("mean/dim1_keepdim", "mean", lambda x: x.mean([1], True), [F([2, 4], "mean4")],
     args={"dims": [1], "keepdim": True})
case("mean/dims_1_2_3d", "mean", lambda x: x.mean([1, 2], False), [F([2, 3, 2], "mean5")],
     args={"dims": [1, 2], "keepdim": False})
case("mean/noncontig", "mean", lambda x: x.mean([1], False), [F([3, 2], "mean6", view=[["t"]])],
     args={"dims": [1], "keepdim": False})
case("prod/all_2x3", "prod", lambda x: x.prod(), [F([2, 3], "prod1", 0.5, 1.5)])
case("prod/all_mixed_sign", "prod", lambda x: x.prod(), [F([4], "prod2")])
case("prod/dim0", "prod", lambda x: x.prod(0, False), [F([3, 2], "prod3")], args={"dim": 0, "keepdim": False})
case("prod/dim1_keepdim", "prod", lambda x: x.prod(1, True), [F([2, 3], "prod4")], args={"dim": 1, "keepdim": True})
case("prod/dim_noncontig", "prod", lambda x: x.prod(1, False), [F([3, 2], "prod5", view=[["t"]])],
     args={"dim": 1, "keepdim": False})
for op in ("max", "min"):
    case(f"{op}/all_2x3", op, lambda x, o=op: getattr(x, o)(), [D([2, 3], op + "1")])
    case(f"{op}/all_noncontig", op, lambda x, o=op: getattr(x, o)(), [D([3, 2], op + "2", view=[["t"]])])
    case(f"{op}/dim1", op, lambda x, o=op: tuple(getattr(x, o)(1, False)), [D([2, 3], op + "3")],
         args={"dim": 1, "keepdim": False})
    case(f"{op}/dim0_keepdim", op, lambda x, o=op: tuple(getattr(x, o)(0, True)), [D([3, 2], op + "4")],
         args={"dim": 0, "keepdim": True})
    case(f"{op}/dim_neg1_3d", op, lambda x, o=op: tuple(getattr(x, o)(-1, False)), [D([2, 2, 3], op + "5")],
         args={"dim": -1, "keepdim": False})
for op in ("amax", "amin"):
    case(f"{op}/dim1", op, lambda x, o=op: getattr(x, o)([1], False), [D([2, 3], op + "1")],
         args={"dims": [1], "keepdim": False})
    case(f"{op}/dims01_keepdim", op, lambda x, o=op: getattr(x, o)([0, 1], True), [D([2, 3, 2], op + "2")],
         args={"dims": [0, 1], "keepdim": True})
    case(f"{op}/all_dims", op, lambda x, o=op: getattr(x, o)([0, 1], False), [D([2, 3], op + "3")],
         args={"dims": [0, 1], "keepdim": False})
for op in ("argmax", "argmin"):
    case(f"{op}/all", op, lambda x, o=op: getattr(x, o)(), [D([2, 3], op + "1")])
    case(f"{op}/dim1", op, lambda x, o=op: getattr(x, o)(1, False), [D([2, 3], op + "2")],
         args={"dim": 1, "keepdim": False})
    case(f"{op}/dim0_keepdim", op, lambda x, o=op: getattr(x, o)(0, True), [D([3, 2], op + "3")],
         args={"dim": 0, "keepdim": True})
case("logsumexp/dim1", "logsumexp", lambda x: x.logsumexp([1], False), [F([2, 3], "lse1", -3, 3)],
     args={"dims": [1], "keepdim": False})
case("logsumexp/dim0_keepdim", "logsumexp", lambda x: x.logsumexp([0], True), [F([3, 2], "lse2", -3, 3)],
     args={"dims": [0], "keepdim": True})
case("logsumexp/dims_all_large", "logsumexp", lambda x: x.logsumexp([0, 1], False),
     [F([2, 3], "lse3", 80.0, 100.0)], args={"dims": [0, 1], "keepdim": False})
case("norm/default_2x3", "norm", lambda x: x.norm(), [F([2, 3], "norm1")])
case("norm/default_noncontig", "norm", lambda x: x.norm(), [F([3, 2], "norm2", view=[["t"]])])
case("norm/p1", "norm", lambda x: x.norm(1.0), [F([5], "norm3")], args={"p": 1.0})
case("norm/p3", "norm", lambda x: x.norm(3.0), [F([2, 3], "norm4")], args={"p": 3.0})
case("norm/pinf", "norm", lambda x: x.norm(float("inf")), [In([2, 3], distinct("norm5", [2, 3], 0.37, -0.6))], args={"p": float("inf")})
case("norm/p2_dim1", "norm", lambda x: x.norm(2.0, [1], False), [F([2, 3], "norm6")],
     args={"p": 2.0, "dims": [1], "keepdim": False})
case("norm/p1_dim0_keepdim", "norm", lambda x: x.norm(1.0, [0], True), [F([3, 2], "norm7")],
     args={"p": 1.0, "dims": [0], "keepdim": True})
for op in ("var", "std"):
    case(f"{op}/all", op, lambda x, o=op: getattr(x, o)(), [F([2, 3], op + "1")])
    case(f"{op}/dim1_unbiased", op, lambda x, o=op: getattr(x, o)([1], unbiased=True, keepdim=False),
         [F([2, 4], op + "2")], args={"dims": [1], "unbiased": True, "keepdim": False})
    case(f"{op}/dim0_biased_keepdim", op, lambda x, o=op: getattr(x, o)([0], unbiased=False, keepdim=True),
         [F([3, 2], op + "3")], args={"dims": [0], "unbiased": False, "keepdim": True})
    case(f"{op}/dims_0_2", op, lambda x, o=op: getattr(x, o)([0, 2], unbiased=True, keepdim=False),
         [F([2, 2, 3], op + "4")], args={"dims": [0, 2], "unbiased": True, "keepdim": False})
    case(f"{op}/noncontig", op, lambda x, o=op: getattr(x, o)(), [F([3, 2], op + "5", view=[["t"]])])
for op, tfn in (("softmax", torch.softmax), ("logSoftmax", torch.log_softmax)):
    case(f"{op}/dim1", op, lambda x, f=tfn: f(x, 1), [F([2, 3], op + "1", -3, 3)], args={"dim": 1})
    case(f"{op}/dim0", op, lambda x, f=tfn: f(x, 0), [F([3, 2], op + "2", -3, 3)], args={"dim": 0})
    case(f"{op}/dim_neg1_3d", op, lambda x, f=tfn: f(x, -1), [F([2, 2, 3], op + "3", -3, 3)], args={"dim": -1})
    case(f"{op}/1d_large", op, lambda x, f=tfn: f(x, 0), [F([4], op + "4", 50, 90)], args={"dim": 0})
    case(f"{op}/noncontig", op, lambda x, f=tfn: f(x, 1), [F([3, 2], op + "5", -3, 3, view=[["t"]])],
         args={"dim": 1})
for op, tfn in (("cumsum", torch.cumsum), ("cumprod", torch.cumprod)):
    case(f"{op}/1d", op, lambda x, f=tfn: f(x, 0), [F([5], op + "1", 0.3, 2.0)], args={"dim": 0})
    case(f"{op}/dim1", op, lambda x, f=tfn: f(x, 1), [F([2, 3], op + "2")], args={"dim": 1})
    case(f"{op}/dim0", op, lambda x, f=tfn: f(x, 0), [F([3, 2], op + "3")], args={"dim": 0})
    case(f"{op}/noncontig", op, lambda x, f=tfn: f(x, -1), [F([3, 2], op + "4", view=[["t"]])], args={"dim": -1})
case("cumprod/with_zero", "cumprod", lambda x: torch.cumprod(x, 0), [In([4], [2.0, 0.0, 3.0, -1.5])], args={"dim": 0})
case("sort/1d_asc", "sort", lambda x: tuple(x.sort(0, False)), [D([5], "sort1")], args={"dim": 0, "descending": False})
case("sort/2d_dim1_desc", "sort", lambda x: tuple(x.sort(1, True)), [D([2, 4], "sort2")],
     args={"dim": 1, "descending": True})
case("sort/2d_dim0_asc", "sort", lambda x: tuple(x.sort(0, False)), [D([3, 2], "sort3")],
     args={"dim": 0, "descending": False})

# ----------------------------------------------------------------------------------------------------------
# linear algebra
# ----------------------------------------------------------------------------------------------------------
mmf = lambda a, b: torch.matmul(a, b)
case("matmul/1d_1d_dot", "matmul", mmf, [F([4], "mm1"), F([4], "mm2")])
case("matmul/2d_1d_mv", "matmul", mmf, [F([2, 3], "mm3"), F([3], "mm4")])
case("matmul/1d_2d", "matmul", mmf, [F([3], "mm5"), F([3, 2], "mm6")])
case("matmul/2d_2d_mm", "matmul", mmf, [F([2, 3], "mm7"), F([3, 4], "mm8")])
case("matmul/3d_3d_bmm", "matmul", mmf, [F([2, 2, 3], "mm9"), F([2, 3, 2], "mm10")])
case("matmul/4d_3d_broadcast", "matmul", mmf, [F([2, 1, 2, 3], "mm11"), F([3, 3, 2], "mm12")])
case("matmul/3d_2d", "matmul", mmf, [F([2, 2, 3], "mm13"), F([3, 2], "mm14")])
case("matmul/2d_3d", "matmul", mmf, [F([2, 3], "mm15"), F([2, 3, 2], "mm16")])
case("matmul/3d_1d", "matmul", mmf, [F([2, 2, 3], "mm17"), F([3], "mm18")])
case("matmul/1d_3d", "matmul", mmf, [F([2], "mm19"), F([3, 2, 2], "mm20")])
case("matmul/2d_2d_noncontig", "matmul", mmf, [F([3, 2], "mm21", view=[["t"]]), F([4, 3], "mm22", view=[["t"]])])
case("matmul/2d_2d_float64", "matmul", mmf, [F([2, 3], "mm23", dtype="float64"), F([3, 2], "mm24", dtype="float64")])
case("mm/2x3_3x4", "mm", torch.mm, [F([2, 3], "mmA"), F([3, 4], "mmB")])
case("mm/noncontig", "mm", torch.mm, [F([3, 2], "mmC", view=[["t"]]), F([3, 2], "mmD")])
case("mm/other_no_grad", "mm", torch.mm, [F([2, 2], "mmE"), F([2, 3], "mmF", rg=False)])
case("bmm/2x2x3_2x3x2", "bmm", torch.bmm, [F([2, 2, 3], "bmmA"), F([2, 3, 2], "bmmB")])
case("bmm/noncontig", "bmm", torch.bmm, [F([2, 3, 2], "bmmC", view=[["transpose", 1, 2]]), F([2, 3, 1], "bmmD")])
case("mv/2x3_3", "mv", torch.mv, [F([2, 3], "mvA"), F([3], "mvB")])
case("mv/noncontig", "mv", torch.mv, [F([3, 2], "mvC", view=[["t"]]), F([6], "mvD", view=[["slice", 0, 0, 6, 2]])])
case("dot/4", "dot", torch.dot, [F([4], "dotA"), F([4], "dotB")])
case("dot/strided", "dot", torch.dot, [F([6], "dotC", view=[["slice", 0, 1, 6, 2]]), F([3], "dotD")])
case("outer/3_2", "outer", torch.outer, [F([3], "outA"), F([2], "outB")])
case("outer/4_4", "outer", torch.outer, [F([4], "outC"), F([4], "outD")])
case("trace/3x3", "trace", torch.trace, [F([3, 3], "trA")])
case("trace/2x4", "trace", torch.trace, [F([2, 4], "trB")])
case("trace/noncontig", "trace", torch.trace, [F([3, 2], "trC", view=[["t"]])])

# ----------------------------------------------------------------------------------------------------------
# shape ops and views
# ----------------------------------------------------------------------------------------------------------
case("view/2x3_to_3x2", "view", lambda x: x.view(3, 2), [F([2, 3], "view1")], args={"shape": [3, 2]})
case("view/infer_neg1", "view", lambda x: x.view(-1, 2), [F([2, 2, 2], "view2")], args={"shape": [-1, 2]})
case("view/to_zerodim", "view", lambda x: x.view([]), [F([1], "view3")], args={"shape": []})
case("reshape/contig", "reshape", lambda x: x.reshape(3, 2), [F([6], "resh1")], args={"shape": [3, 2]})
case("reshape/noncontig_copy", "reshape", lambda x: x.reshape(6), [F([2, 3], "resh2", view=[["t"]])],
     args={"shape": [6]})
case("reshape/infer", "reshape", lambda x: x.reshape(2, -1), [F([2, 2, 3], "resh3")], args={"shape": [2, -1]})
case("t/2x3", "t", lambda x: x.t(), [F([2, 3], "t1")])
case("t/1d", "t", lambda x: x.t(), [F([3], "t2")])
case("transpose/0_1", "transpose", lambda x: x.transpose(0, 1), [F([2, 3], "tr1")], args={"dim0": 0, "dim1": 1})
case("transpose/3d_neg", "transpose", lambda x: x.transpose(-1, 0), [F([2, 3, 2], "tr2")],
     args={"dim0": -1, "dim1": 0})
case("permute/3d", "permute", lambda x: x.permute(2, 0, 1), [F([2, 3, 2], "perm1")], args={"dims": [2, 0, 1]})
case("permute/noncontig", "permute", lambda x: x.permute(1, 0), [F([2, 3], "perm2", view=[["t"]])],
     args={"dims": [1, 0]})
case("expand/3_to_2x3", "expand", lambda x: x.expand(2, 3), [F([3], "exp1")], args={"sizes": [2, 3]})
case("expand/3x1_to_2x3x4", "expand", lambda x: x.expand(2, 3, 4), [F([3, 1], "exp2")], args={"sizes": [2, 3, 4]})
case("expand/keep_neg1", "expand", lambda x: x.expand(-1, 3), [F([2, 1], "exp3")], args={"sizes": [-1, 3]})
case("expand/zerodim", "expand", lambda x: x.expand(3), [F([], "exp4")], args={"sizes": [3]})
case("select/dim0", "select", lambda x: x.select(0, 1), [F([3, 2], "sel1")], args={"dim": 0, "index": 1})
case("select/dim1", "select", lambda x: x.select(1, 2), [F([2, 3], "sel2")], args={"dim": 1, "index": 2})
case("select/neg_index", "select", lambda x: x.select(0, -1), [F([3, 2], "sel3")], args={"dim": 0, "index": -1})
case("select/1d_to_zerodim", "select", lambda x: x.select(0, 2), [F([4], "sel4")], args={"dim": 0, "index": 2})
case("slice/dim0", "slice", lambda x: x[1:3], [F([4, 2], "sl1")], args={"dim": 0, "start": 1, "end": 3, "step": 1})
case("slice/dim1_step2", "slice", lambda x: x[:, 0:5:2], [F([2, 5], "sl2")],
     args={"dim": 1, "start": 0, "end": 5, "step": 2})
case("slice/step3", "slice", lambda x: x[1:7:3], [F([7], "sl3")], args={"dim": 0, "start": 1, "end": 7, "step": 3})
case("slice/noncontig", "slice", lambda x: x[:, 1:3], [F([3, 2], "sl4", view=[["t"]])],
     args={"dim": 1, "start": 1, "end": 3, "step": 1})
case("narrow/dim1", "narrow", lambda x: x.narrow(1, 1, 2), [F([2, 4], "nar1")], args={"dim": 1, "start": 1, "length": 2})
case("narrow/dim0", "narrow", lambda x: x.narrow(0, 0, 2), [F([3, 2], "nar2")], args={"dim": 0, "start": 0, "length": 2})
case("squeeze/all", "squeeze", lambda x: x.squeeze(), [F([1, 3, 1], "sq1")])
case("squeeze/to_zerodim", "squeeze", lambda x: x.squeeze(), [F([1, 1], "sq2")])
case("squeeze/dim", "squeeze", lambda x: x.squeeze(2), [F([2, 3, 1], "sq3")], args={"dim": 2})
case("squeeze/dim_not_one", "squeeze", lambda x: x.squeeze(0), [F([2, 1], "sq4")], args={"dim": 0})
case("unsqueeze/dim0", "unsqueeze", lambda x: x.unsqueeze(0), [F([3], "usq1")], args={"dim": 0})
case("unsqueeze/dim_neg1", "unsqueeze", lambda x: x.unsqueeze(-1), [F([2, 3], "usq2")], args={"dim": -1})
case("unsqueeze/zerodim", "unsqueeze", lambda x: x.unsqueeze(0), [F([], "usq3")], args={"dim": 0})
case("flatten/all", "flatten", lambda x: x.flatten(), [F([2, 3, 2], "flat1")])
case("flatten/range", "flatten", lambda x: x.flatten(1, 2), [F([2, 2, 3], "flat2")], args={"startDim": 1, "endDim": 2})
case("flatten/noncontig", "flatten", lambda x: x.flatten(), [F([2, 3], "flat3", view=[["t"]])])
case("flatten/zerodim", "flatten", lambda x: x.flatten(), [F([], "flat4")])
case("contiguous/noncontig", "contiguous", lambda x: x.contiguous(), [F([2, 3], "cont1", view=[["t"]])])
case("contiguous/contig", "contiguous", lambda x: x.contiguous(), [F([2, 2], "cont2")])
case("clone/2x3", "clone", lambda x: x.clone(), [F([2, 3], "clone1")])
case("clone/noncontig", "clone", lambda x: x.clone(), [F([2, 3], "clone2", view=[["t"]])])
case("cat/dim0", "cat", lambda a, b: torch.cat([a, b], 0), [F([2, 3], "cat1"), F([1, 3], "cat2")], args={"dim": 0})
case("cat/dim1_three", "cat", lambda a, b, c: torch.cat([a, b, c], 1),
     [F([2, 1], "cat3"), F([2, 2], "cat4", rg=False), F([3, 2], "cat5", view=[["t"]])], args={"dim": 1})
case("cat/neg_dim", "cat", lambda a, b: torch.cat([a, b], -1), [F([3], "cat6"), F([2], "cat7")], args={"dim": -1})
case("stack/dim0", "stack", lambda a, b: torch.stack([a, b], 0), [F([2, 3], "st1"), F([2, 3], "st2")], args={"dim": 0})
case("stack/dim_last", "stack", lambda a, b, c: torch.stack([a, b, c], 1),
     [F([2], "st3"), F([2], "st4"), F([2], "st5")], args={"dim": 1})
case("stack/zerodim", "stack", lambda a, b: torch.stack([a, b], 0), [F([], "st6"), F([], "st7")], args={"dim": 0})
case("repeat/1d", "repeat", lambda x: x.repeat(3), [F([2], "rep1")], args={"repeats": [3]})
case("repeat/2d", "repeat", lambda x: x.repeat(2, 2), [F([2, 3], "rep2")], args={"repeats": [2, 2]})
case("repeat/add_dim", "repeat", lambda x: x.repeat(2, 1, 2), [F([2, 2], "rep3")], args={"repeats": [2, 1, 2]})
case("flip/dim0", "flip", lambda x: x.flip(0), [F([3, 2], "flip1")], args={"dims": [0]})
case("flip/dims01", "flip", lambda x: x.flip(0, 1), [F([2, 3], "flip2")], args={"dims": [0, 1]})
case("roll/pos", "roll", lambda x: x.roll(1, 0), [F([4], "roll1")], args={"shift": 1, "dim": 0})
case("roll/neg_dim1", "roll", lambda x: x.roll(-2, 1), [F([2, 3], "roll2")], args={"shift": -2, "dim": 1})
case("tril/0", "tril", lambda x: x.tril(0), [F([3, 3], "tril1")], args={"diagonal": 0})
case("tril/neg1_rect", "tril", lambda x: x.tril(-1), [F([3, 4], "tril2")], args={"diagonal": -1})
case("triu/0", "triu", lambda x: x.triu(0), [F([3, 3], "triu1")], args={"diagonal": 0})
case("triu/1_rect", "triu", lambda x: x.triu(1), [F([4, 3], "triu2")], args={"diagonal": 1})
case("diagonal/square", "diagonal", lambda x: x.diagonal(), [F([3, 3], "diag1")])
case("diagonal/rect", "diagonal", lambda x: x.diagonal(), [F([2, 4], "diag2")])
case("chunk/even", "chunk", lambda x: tuple(x.chunk(2, 0)), [F([4, 2], "chunk1")], args={"chunks": 2, "dim": 0})
case("chunk/uneven_dim1", "chunk", lambda x: tuple(x.chunk(3, 1)), [F([2, 5], "chunk2")], args={"chunks": 3, "dim": 1})
case("split/even", "split", lambda x: tuple(x.split(2, 0)), [F([4, 2], "split1")], args={"size": 2, "dim": 0})
case("split/uneven_dim1", "split", lambda x: tuple(x.split(2, 1)), [F([2, 5], "split2")], args={"size": 2, "dim": 1})
case("unbind/dim0", "unbind", lambda x: tuple(x.unbind(0)), [F([3, 2], "unb1")], args={"dim": 0})
case("unbind/dim1", "unbind", lambda x: tuple(x.unbind(1)), [F([2, 3], "unb2")], args={"dim": 1})

# ----------------------------------------------------------------------------------------------------------
# indexing
# ----------------------------------------------------------------------------------------------------------
case("gather/dim1", "gather", lambda x, i: x.gather(1, i),
     [F([2, 3], "gat1"), I64([2, 2], [0, 2, 1, 1])], args={"dim": 1})
case("gather/dim0_duplicates", "gather", lambda x, i: x.gather(0, i),
     [F([3, 2], "gat2"), I64([4, 2], [0, 1, 2, 1, 0, 1, 0, 0])], args={"dim": 0})
case("gather/noncontig", "gather", lambda x, i: x.gather(1, i),
     [F([3, 2], "gat3", view=[["t"]]), I64([2, 3], [2, 0, 0, 1, 1, 2])], args={"dim": 1})
case("indexSelect/dim0", "indexSelect", lambda x, i: x.index_select(0, i),
     [F([3, 2], "isel1"), I64([2], [2, 0])], args={"dim": 0})
case("indexSelect/dim1_duplicates", "indexSelect", lambda x, i: x.index_select(1, i),
     [F([2, 3], "isel2"), I64([4], [1, 1, 0, 1])], args={"dim": 1})
case("indexSelect/1d", "indexSelect", lambda x, i: x.index_select(0, i),
     [F([5], "isel3"), I64([3], [4, 0, 4])], args={"dim": 0})
case("index/int_1d_duplicates", "index", lambda x, i: x[i], [F([5], "idx1"), I64([3], [0, 0, 2])])
case("index/int_rows", "index", lambda x, i: x[i], [F([3, 2], "idx2"), I64([4], [2, 0, 2, 1])])
case("index/int_2d_index", "index", lambda x, i: x[i], [F([4], "idx3"), I64([2, 2], [3, 1, 1, 0])])
case("index/negative", "index", lambda x, i: x[i], [F([4], "idx4"), I64([2], [-1, 0])])
case("index/bool_mask", "index", lambda x, m: x[m],
     [F([2, 3], "idx5"), In([2, 3], [True, False, True, False, True, True], dtype="bool")])
case("index/bool_mask_1d", "index", lambda x, m: x[m], [F([4], "idx6"), In([4], [False, True, False, True], dtype="bool")])
case("index/noncontig", "index", lambda x, i: x[i], [F([3, 2], "idx7", view=[["t"]]), I64([2], [1, 1])])
case("maskedFill/2x3", "maskedFill", lambda x, m: x.masked_fill(m, -1.5),
     [F([2, 3], "mf1"), In([2, 3], [True, False, False, True, False, True], dtype="bool")], args={"value": -1.5})
case("maskedFill/broadcast_mask", "maskedFill", lambda x, m: x.masked_fill(m, 0.0),
     [F([2, 3], "mf2"), In([3], [False, True, False], dtype="bool")], args={"value": 0.0})
case("maskedFill/inf", "maskedFill", lambda x, m: x.masked_fill(m, float("-inf")),
     [F([4], "mf3"), In([4], [False, True, True, False], dtype="bool")], args={"value": float("-inf")})

# ----------------------------------------------------------------------------------------------------------
# small composites through the full-reduction path (max/min/argmax on 0-dim, 1 element)
# ----------------------------------------------------------------------------------------------------------
case("max/all_zerodim", "max", lambda x: x.max(), [F([], "maxz")])
case("sum/empty", "sum", lambda x: x.sum(), [In([0], [])])

if __name__ == "__main__":
    B.write("ops.json")
