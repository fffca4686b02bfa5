#!/usr/bin/python3
"""Golden numerical edge cases (SPEC section 3; spec cases 53-57) from real PyTorch.

    /usr/bin/python3 tools/golden/gen_edge.py       (writes core/src/test/resources/golden/edge.json)

Same schema and op/argument naming as gen_ops.py (see golden_common.py). Unless a case says otherwise the
upstream gradient is all ones, i.e. the gradient of sum(f), as in the SPEC tables.

Composite expressions that are not a single op use "op": "expr" and "args": {"expr": NAME}; inputs as listed:
  mulSelf          [x]            x.mul(x)
  divSelf          [x]            x.div(x)
  subSelf          [x]            x.sub(x)
  powSelf          [x]            x.pow(x)                      (tensor exponent)
  xlogySelf        [x]            x.xlogy(x)
  mulLog           [x]            x.mul(x.log())
  expLog           [x]            x.log().exp()
  logExp           [x]            x.exp().log()
  sqrtSumSquares   [x]            x.mul(x).sum().sqrt()
  sumTimesX        [x]            x.sum().mul(x)
  addOneSubSelf    [x]            x.add(1.0).sub(x)
  whereGt0Log      [x, zeros]     Tensor.where(x.gt(0.0), x.log(), zeros)
  whereGt0Sqrt     [x, zeros]     Tensor.where(x.gt(0.0), x.sqrt(), zeros)
  doubleWhereSqrt  [x, ones, zeros]  safe = Tensor.where(x.gt(0.0), x, ones);
                                     Tensor.where(x.gt(0.0), safe.sqrt(), zeros)
Not expressible with the Java op list (left out): topk, median, nan_to_num, float16, .double() casts inside the
graph, a grad_output of another dtype than the output, the 1.13-only var-of-one-element backward error.
"""
import torch
import torch.nn.functional as Fn

from golden_common import Builder, In

B = Builder()

NAN, INF = float("nan"), float("inf")


def v(*vals, rg=True, dtype="float32"):
    """A 1-D input with literal values."""
    return In([len(vals)], list(vals), dtype=dtype, rg=rg)


def s(val, rg=True, dtype="float32"):
    """A 0-dim input."""
    return In([], [val], dtype=dtype, rg=rg)


def ones_like_out(fn, inputs):
    leaves = [i.apply_view(i.leaf()) for i in inputs]
    out = fn(*leaves)
    out = out[0] if isinstance(out, (tuple, list)) else out
    return [1.0] * out.numel()


def case(cid, op, fn, inputs, args=None, gout=None):
    if gout is None:
        gout = ones_like_out(fn, inputs)
    return B.case(cid, op, fn, inputs, args=args, gout=gout)


def expr(cid, name, fn, inputs, gout=None):
    return case(cid, "expr", fn, inputs, args={"expr": name}, gout=gout)


# ---------------------------------------------------------------------------------------------------------
# Non-smooth points and singularities (case 53)
# ---------------------------------------------------------------------------------------------------------
case("sqrt/at_0_4_neg1", "sqrt", torch.sqrt, [v(0., 4., -1.)])
case("pow/half_at_0_4_neg1", "pow", lambda x: x ** 0.5, [v(0., 4., -1.)], args={"exponent": 0.5})
case("abs/at_neg1_0_1", "abs", torch.abs, [v(-1., 0., 1.)])
case("relu/at_neg1_0_1", "relu", torch.relu, [v(-1., 0., 1.)])
case("relu6/at_0_6", "relu6", Fn.relu6, [v(0., 6.)])
case("leakyRelu/0_1_at_neg1_0_1", "leakyRelu", lambda x: Fn.leaky_relu(x, 0.1), [v(-1., 0., 1.)],
     args={"negativeSlope": 0.1})
case("elu/at_neg1_0_1", "elu", lambda x: Fn.elu(x, 1.0), [v(-1., 0., 1.)], args={"alpha": 1.0})
case("gelu/at_0", "gelu", Fn.gelu, [v(0.)])
case("gelu/tanh_at_0", "gelu", lambda x: Fn.gelu(x, approximate="tanh"), [v(0.)], args={"approximate": "tanh"})
case("hardtanh/at_neg1_0_1", "hardtanh", Fn.hardtanh, [v(-1., 0., 1.)])
case("clampMin/0_at_neg1_0_1", "clampMin", lambda x: x.clamp(min=0.), [v(-1., 0., 1.)], args={"min": 0.0})
case("clampMin/1_at_0_1_2", "clampMin", lambda x: x.clamp(min=1.), [v(0., 1., 2.)], args={"min": 1.0})
case("clampMax/1_at_0_1_2", "clampMax", lambda x: x.clamp(max=1.), [v(0., 1., 2.)], args={"max": 1.0})
case("clamp/0_1_at_0_half_1", "clamp", lambda x: x.clamp(0., 1.), [v(0., 0.5, 1.)], args={"min": 0.0, "max": 1.0})
for op, tfn in (("sign", torch.sign), ("round", torch.round), ("floor", torch.floor), ("ceil", torch.ceil)):
    case(f"{op}/at_0_and_integers", op, tfn, [v(0., -1., 2., 0.5, -1.5)])
for e in (2.0, 3.0, 1.0):
    case(f"pow/{int(e)}_at_0", "pow", lambda x, e=e: x ** e, [v(0.)], args={"exponent": e})
case("pow/0_at_0_2", "pow", lambda x: x ** 0.0, [v(0., 2.)], args={"exponent": 0.0})
case("pow/neg1_at_0", "pow", lambda x: x ** -1.0, [v(0.)], args={"exponent": -1.0})
case("pow/third_at_0", "pow", lambda x: x ** (1 / 3), [v(0.)], args={"exponent": 1 / 3})
expr("powSelf/at_0", "powSelf", lambda x: x ** x, [v(0.)])
case("pow/tensor_exponent_zero_base", "pow", lambda b, e: b ** e, [v(0., 0.), v(0., 1.)])


def _rpow0(x):
    r = 0.0 ** x
    alt = torch.pow(torch.tensor(0.), x)
    assert torch.equal(r, alt)
    return r


case("rpow/base0_at_0_1", "rpow", _rpow0, [v(0., 1.)], args={"other": 0.0})
case("rsqrt/at_0", "rsqrt", torch.rsqrt, [v(0.)])
case("norm/at_zero_vector", "norm", lambda x: x.norm(), [v(0., 0.)])
case("norm/p2_dim_at_zero_rows", "norm", lambda x: x.norm(2.0, [1], False), [In([2, 2], [0., 0., 3., 4.])],
     args={"p": 2.0, "dims": [1], "keepdim": False})
case("norm/p1_at_0_2", "norm", lambda x: x.norm(1.0), [v(0., 2.)], args={"p": 1.0})
expr("sqrtSumSquares/at_zero", "sqrtSumSquares", lambda x: (x * x).sum().sqrt(), [v(0., 0.)])
case("atan2/y_at_0_x_0", "atan2", torch.atan2, [v(0.), v(0., rg=False)])
case("atan2/both_at_0", "atan2", torch.atan2, [v(0.), v(0.)])
case("sigmoid/saturation", "sigmoid", torch.sigmoid, [v(-100., 0., 100.)])
case("tanh/saturation", "tanh", torch.tanh, [v(-20., 0., 20.)])
case("asin/at_1_neg1_0", "asin", torch.asin, [v(1., -1., 0.)])
case("acos/at_1", "acos", torch.acos, [v(1.)])
case("acos/outside_domain", "acos", torch.acos, [v(1.5, -2.)])
case("sqrt/negative_zero", "sqrt", torch.sqrt, [v(-0.)])
case("softplus/large", "softplus", Fn.softplus, [v(-100., 0., 30., 100.)])
case("silu/large", "silu", Fn.silu, [v(-100., 100.)])
case("exp/underflow", "exp", torch.exp, [v(-200., 0.)])

# ---------------------------------------------------------------------------------------------------------
# Max/min ties (case 54)
# ---------------------------------------------------------------------------------------------------------
TIE = [1., 3., 3., 2.]
case("max/all_tie", "max", lambda x: x.max(), [v(*TIE)])
case("min/all_tie", "min", lambda x: x.min(), [v(1., 3., 1., 2.)])
case("max/all_equal", "max", lambda x: x.max(), [v(1., 1., 1., 1.)])
case("max/dim0_tie", "max", lambda x: tuple(x.max(0, False)), [v(*TIE)], args={"dim": 0, "keepdim": False})
case("min/dim0_tie", "min", lambda x: tuple(x.min(0, False)), [v(1., 3., 1., 2.)], args={"dim": 0, "keepdim": False})
case("max/dim1_2d_tie_row", "max", lambda x: tuple(x.max(1, False)), [In([2, 2], [2., 2., 1., 3.])],
     args={"dim": 1, "keepdim": False})
case("max/all_2d_single", "max", lambda x: x.max(), [In([2, 2], [2., 2., 1., 3.])])
case("amax/all_dims_tie", "amax", lambda x: x.amax([0], False), [v(*TIE)], args={"dims": [0], "keepdim": False})
case("amax/2d_dim1_tie", "amax", lambda x: x.amax([1], False), [In([2, 3], [2., 2., 1., 0., 5., 5.])],
     args={"dims": [1], "keepdim": False})
case("amin/2d_all_tie", "amin", lambda x: x.amin([0, 1], False), [In([2, 2], [1., 4., 1., 1.])],
     args={"dims": [0, 1], "keepdim": False})
case("argmax/all_tie", "argmax", lambda x: x.argmax(), [v(*TIE, rg=False)])
case("argmin/all_tie", "argmin", lambda x: x.argmin(), [v(1., 3., 1., 2., rg=False)])
case("argmax/dim1_tie", "argmax", lambda x: x.argmax(1, False), [In([2, 2], [2., 2., 1., 3.], rg=False)],
     args={"dim": 1, "keepdim": False})
case("sort/tie", "sort", lambda x: tuple(x.sort(0, False)), [v(*TIE)], args={"dim": 0, "descending": False},
     gout=[1., 10., 100., 1000.])
case("sort/tie_descending", "sort", lambda x: tuple(x.sort(0, True)), [v(*TIE)], args={"dim": 0, "descending": True},
     gout=[1., 10., 100., 1000.])
A, Bv = (1., 2., 3.), (1., 5., 0.)
case("maximum/tie_index0", "maximum", torch.maximum, [v(*A), v(*Bv)])
case("minimum/tie_index0", "minimum", torch.minimum, [v(*A), v(*Bv)])
case("where/a_gt_b_tie", "where", torch.where,
     [In([3], [a > b for a, b in zip(A, Bv)], dtype="bool"), v(*A), v(*Bv)])
case("logsumexp/equal_entries", "logsumexp", lambda x: x.logsumexp([0], False), [v(1., 1.)],
     args={"dims": [0], "keepdim": False})
case("softmax/equal_entries", "softmax", lambda x: torch.softmax(x, 0), [v(2., 2., 2.)], args={"dim": 0},
     gout=[1., 2., 3.])

# ---------------------------------------------------------------------------------------------------------
# log / division / zero (case 55)
# ---------------------------------------------------------------------------------------------------------
case("log/at_0_1_neg1", "log", torch.log, [v(0., 1., -1.)])
case("log2/at_0", "log2", torch.log2, [v(0.)])
case("log1p/at_neg1_0", "log1p", torch.log1p, [v(-1., 0.)])
case("rdiv/1_at_0_negzero_2", "rdiv", lambda x: 1.0 / x, [v(0., -0., 2.)], args={"other": 1.0})
case("div/scalar_zero_at_1_0_neg1", "div", lambda x: x / 0.0, [v(1., 0., -1.)], args={"other": 0.0})
case("div/tensor_zero_divisor", "div", lambda a, b: a / b, [v(1., 0., -1.), v(0., 0., -0.)])
expr("divSelf/at_0", "divSelf", lambda x: x / x, [v(0.)])
case("reciprocal/at_0", "reciprocal", torch.reciprocal, [v(0., -0.)])
expr("mulLog/at_0", "mulLog", lambda x: x * x.log(), [v(0.)])
expr("xlogySelf/at_0", "xlogySelf", lambda x: torch.xlogy(x, x), [v(0.)])
case("xlogy/x0_y2", "xlogy", torch.xlogy, [v(0.), s(2., rg=False)])
case("xlogy/x0_y0_both_grad", "xlogy", torch.xlogy, [v(0., 1.), v(0., 0.)])
case("xlogy/y_nan", "xlogy", torch.xlogy, [v(0., 1.), v(NAN, NAN)])
expr("expLog/at_0", "expLog", lambda x: x.log().exp(), [v(0.)])
expr("logExp/at_100", "logExp", lambda x: x.exp().log(), [v(100.)])
case("exp/overflow_100", "exp", torch.exp, [v(100.)])
case("logSoftmax/with_neg_inf", "logSoftmax", lambda x: torch.log_softmax(x, 0), [v(0., -INF)], args={"dim": 0})
case("softmax/with_neg_inf", "softmax", lambda x: torch.softmax(x, 0), [v(0., -INF)], args={"dim": 0},
     gout=[1., 2.])
case("logsumexp/all_neg_inf", "logsumexp", lambda x: x.logsumexp([0], False), [v(-INF, -INF)],
     args={"dims": [0], "keepdim": False})
case("logsumexp/with_inf", "logsumexp", lambda x: x.logsumexp([0], False), [v(INF, 1.)],
     args={"dims": [0], "keepdim": False})
case("div/int64_by_scalar_zero", "div", lambda x: x / 0.0, [In([2], [1, 0], dtype="int64", rg=False)],
     args={"other": 0.0})
case("div/int64_by_int64_zero", "div", lambda a, b: a / b,
     [In([3], [1, 0, -1], dtype="int64", rg=False), In([3], [0, 0, 0], dtype="int64", rg=False)])
expr("whereGt0Log/nan_trap", "whereGt0Log", lambda x, z: torch.where(x > 0, x.log(), z),
     [v(0., 1.), v(0., 0., rg=False)])
expr("whereGt0Sqrt/nan_trap", "whereGt0Sqrt", lambda x, z: torch.where(x > 0, x.sqrt(), z),
     [v(0., 1.), v(0., 0., rg=False)])


def _double_where(x, o, z):
    safe = torch.where(x > 0, x, o)
    return torch.where(x > 0, safe.sqrt(), z)


expr("doubleWhereSqrt/workaround", "doubleWhereSqrt", _double_where,
     [v(0., 4.), v(1., 1., rg=False), v(0., 0., rg=False)])

# ---------------------------------------------------------------------------------------------------------
# NaN / inf propagation (case 56)
# ---------------------------------------------------------------------------------------------------------
case("mul/scalar_with_nan_input", "mul", lambda x: x * 2.0, [v(1., NAN, 3.)], args={"other": 2.0})
expr("mulSelf/with_nan_input", "mulSelf", lambda x: x * x, [v(1., NAN, 3.)])
case("sum/with_nan_input", "sum", lambda x: x.sum(), [v(1., NAN, 3.)])
expr("sumTimesX/with_nan_input", "sumTimesX", lambda x: x.sum() * x, [v(1., NAN, 3.)])
case("max/all_with_nan", "max", lambda x: x.max(), [v(1., NAN, 3.)])
case("min/all_with_nan", "min", lambda x: x.min(), [v(1., NAN, 3.)])
case("amax/with_nan", "amax", lambda x: x.amax([0], False), [v(1., NAN, 3.)], args={"dims": [0], "keepdim": False})
case("max/dim_with_nan", "max", lambda x: tuple(x.max(0, False)), [v(1., NAN, 3.)], args={"dim": 0, "keepdim": False})
case("argmax/with_nan", "argmax", lambda x: x.argmax(), [v(1., NAN, 3., rg=False)])
case("maximum/with_nan", "maximum", torch.maximum, [v(1., NAN, 3.), v(2., 0., NAN)])
case("mul/zero_times_inf", "mul", lambda a, b: a * b, [v(INF, 0.), v(0., INF, rg=False)])
case("mul/zero_times_inf_both_grad", "mul", lambda a, b: a * b, [v(INF, 0.), v(0., INF)])
expr("subSelf/at_inf", "subSelf", lambda x: x - x, [v(INF)])
case("sub/inf_minus_inf", "sub", lambda a, b: a - b, [v(INF), v(INF)])
case("mul/nan_upstream_gradient", "mul", lambda x: x * 3.0, [v(1., 2.)], args={"other": 3.0}, gout=[NAN, 1.])
case("eq/nan_nan", "eq", torch.eq, [s(NAN, rg=False), s(NAN, rg=False)])
case("ne/nan_nan", "ne", torch.ne, [s(NAN, rg=False), s(NAN, rg=False)])
case("lt/nan_scalar", "lt", lambda x: x < 1.0, [v(NAN, 0., rg=False)], args={"other": 1.0})
case("clamp/nan", "clamp", lambda x: x.clamp(0., 1.), [s(NAN)], args={"min": 0.0, "max": 1.0})
case("clampMin/nan", "clampMin", lambda x: x.clamp(min=0.), [v(NAN, -1.)], args={"min": 0.0})
case("relu/nan", "relu", torch.relu, [v(NAN)])
case("abs/nan", "abs", torch.abs, [v(NAN)])
case("sign/nan", "sign", torch.sign, [v(NAN)])
case("sqrt/inf", "sqrt", torch.sqrt, [v(INF)])
case("exp/neg_inf", "exp", torch.exp, [v(-INF, INF)])
case("tanh/inf", "tanh", torch.tanh, [v(-INF, INF)])
case("sigmoid/inf", "sigmoid", torch.sigmoid, [v(-INF, INF)])
case("relu/inf", "relu", torch.relu, [v(-INF, INF)])
case("mean/with_inf", "mean", lambda x: x.mean(), [v(INF, 1.)])
case("sum/inf_minus_inf", "sum", lambda x: x.sum(), [v(INF, -INF)])
case("softmax/with_nan", "softmax", lambda x: torch.softmax(x, 0), [v(NAN, 1.)], args={"dim": 0}, gout=[1., 2.])
case("where/nan_in_unselected_branch", "where", torch.where,
     [In([2], [True, False], dtype="bool"), v(1., NAN), v(NAN, 2.)])

# ---------------------------------------------------------------------------------------------------------
# Degenerate reductions (K6 / section 3 "other")
# ---------------------------------------------------------------------------------------------------------
case("var/equal_pair", "var", lambda x: x.var(), [v(5., 5.)])
case("std/equal_pair", "std", lambda x: x.std(), [v(5., 5.)])
case("prod/one_zero", "prod", lambda x: x.prod(), [v(2., 0., 3.)])
case("prod/two_zeros", "prod", lambda x: x.prod(), [v(0., 2., 0.)])
case("prod/dim_one_zero", "prod", lambda x: x.prod(1, False), [In([2, 3], [2., 0., 3., 0., 0., 4.])],
     args={"dim": 1, "keepdim": False}, gout=[1., 2.])
case("cumprod/two_zeros", "cumprod", lambda x: torch.cumprod(x, 0), [v(2., 0., 3., 0., 5.)], args={"dim": 0})
case("mean/empty", "mean", lambda x: x.mean(), [In([0], [])])
case("sum/empty_dim", "sum", lambda x: x.sum([0], False), [In([0, 2], [])], args={"dims": [0], "keepdim": False},
     gout=[1., 2.])
case("norm/single_nonzero", "norm", lambda x: x.norm(), [v(0., -3., 0.)])
case("norm/pinf_tie", "norm", lambda x: x.norm(INF), [v(1., -3., 3.)], args={"p": INF})

# ---------------------------------------------------------------------------------------------------------
# dtype promotion of results and gradients (case 57)
# ---------------------------------------------------------------------------------------------------------
case("mul/float32_float64", "mul", lambda a, b: a * b, [v(1., 2.), v(3., 4., dtype="float64")])
case("mul/float32_scalar_stays_float32", "mul", lambda x: x * 2.5, [v(1.)], args={"other": 2.5})
case("mul/float32_by_zerodim_float64", "mul", lambda a, b: a * b, [v(1.), s(2., dtype="float64")])
case("mul/zerodim_float32_by_float64", "mul", lambda a, b: a * b, [s(2.), v(1., 3., dtype="float64")])
case("mul/int64_float32", "mul", lambda a, b: a * b, [In([2], [1, 2], dtype="int64", rg=False), v(0.5, 0.5)])
case("add/zerodim_int64_float32", "add", lambda a, b: a + b, [In([], [3], dtype="int64", rg=False), v(0.5, 1.5)])
case("add/float64_zerodim_float64_dim_float32", "add", lambda a, b: a + b,
     [s(1., dtype="float64"), In([2, 2], [1., 2., 3., 4.])])
case("where/float32_float64", "where", torch.where,
     [In([2], [True, False], dtype="bool"), v(1., 2.), v(3., 4., dtype="float64")])
case("matmul/float64_float64", "matmul", torch.matmul,
     [In([2, 2], [1., 2., 3., 4.], dtype="float64"), In([2], [0.5, -1.], dtype="float64")])
expr("addOneSubSelf/float32_1e8", "addOneSubSelf", lambda x: x + 1.0 - x, [s(1e8)])
expr("addOneSubSelf/float64_1e8", "addOneSubSelf", lambda x: x + 1.0 - x, [s(1e8, dtype="float64")])
case("gt/int64_float64", "gt", torch.gt, [In([3], [1, 2, 3], dtype="int64", rg=False), v(1.5, 2., 2.5, rg=False, dtype="float64")])
case("argmax/float64", "argmax", lambda x: x.argmax(), [v(1., 3., 2., rg=False, dtype="float64")])

if __name__ == "__main__":
    B.write("edge.json")
