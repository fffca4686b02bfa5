#!/usr/bin/env python3
"""Generates core/src/test/resources/print/print_cases.json: tensor reprs from real PyTorch.

Run with the Debian PyTorch (/usr/bin/python3, torch 1.13):
    /usr/bin/python3 tools/golden/print_cases.py > core/src/test/resources/print/print_cases.json

Every case records the exact element values (floats as Python repr strings, which round-trip exactly),
shape, dtype, print options, the suffixes PyTorch added after the dtype (grad_fn / requires_grad) and the
expected repr. The Java test TensorFormatterJsonCasesTest replays them through TensorFormatter.

Two groups:
  * "golden": tensors whose values come out of torch ops (linspace, sin, ...) in the spec cases 17, 36 and 52;
    each expected string is also checked to occur in the recorded shared/spec/cases/*.out file.
  * "random": seeded random tensors over shapes, dtypes, magnitudes, special values and print options.

PyTorch 1.13 and 2.x differ in two printing corners, which are kept out of this file (the Java tests cover
them from the 2.x source): a forced sci_mode that disagrees with the automatic choice (2.x sizes the column
width for the forced mode) and edgeitems=0 (1.13 crashes or prints the whole row).
"""
import json
import math
import os
import random
import sys

import torch

SPEC = os.environ.get("SPEC_CASES", "/work/shared/spec/cases")

DEFAULT_OPTS = dict(precision=4, threshold=1000, edgeitems=3, linewidth=80, sci_mode=None)


def enc_float(v):
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return repr(float(v))


def dtype_name(t):
    return {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.bool: "bool"}[t.dtype]


def tensor_suffixes(t):
    if t.grad_fn is not None:
        return ["grad_fn=<%s>" % type(t.grad_fn).__name__]
    if t.requires_grad:
        return ["requires_grad=True"]
    return []


def record(name, t, opts=None, expected=None):
    opts = dict(DEFAULT_OPTS, **(opts or {}))
    torch.set_printoptions(
        precision=opts["precision"],
        threshold=opts["threshold"],
        edgeitems=opts["edgeitems"],
        linewidth=opts["linewidth"],
        sci_mode=opts["sci_mode"],
    )
    try:
        text = repr(t)
    finally:
        torch.set_printoptions(profile="default")
    if expected is not None and text != expected:
        raise SystemExit("mismatch for %s:\n%s\n!=\n%s" % (name, text, expected))
    flat = t.detach().reshape(-1).tolist()
    if t.dtype.is_floating_point:
        values = [enc_float(v) for v in flat]
    else:
        values = flat
    if t.numel() > opts["threshold"] and opts["edgeitems"] > 0:
        # summarised: elements PyTorch never looks at are written as null (the Java reader fails on them)
        keep = set(summarized_flat_indices(list(t.shape), opts["edgeitems"]))
        values = [v if i in keep else None for i, v in enumerate(values)]
    thr = opts["threshold"]
    return {
        "name": name,
        "shape": list(t.shape),
        "dtype": dtype_name(t),
        "values": values,
        "options": {
            "precision": opts["precision"],
            "threshold": None if thr == math.inf else int(thr),
            "edgeitems": opts["edgeitems"],
            "linewidth": opts["linewidth"],
            "sci_mode": opts["sci_mode"],
        },
        "suffixes": tensor_suffixes(t),
        "expected": text,
    }


def summarized_flat_indices(shape, edge):
    """Flat indices of the elements that a summarised print shows (edge items of every dimension)."""
    per_dim = []
    for size in shape:
        per_dim.append(list(range(edge)) + list(range(size - edge, size)) if size > 2 * edge else list(range(size)))
    flat = [0]
    for size, idx in zip(shape, per_dim):
        flat = [f * size + i for f in flat for i in idx]
    return flat


def golden_cases():
    out_text = {}

    def in_out(case, text):
        if case not in out_text:
            fn = [f for f in os.listdir(SPEC) if f.startswith(case) and f.endswith(".out")][0]
            with open(os.path.join(SPEC, fn)) as fh:
                out_text[case] = fh.read()
        if text not in out_text[case]:
            raise SystemExit("%s: %r not found in the recorded output" % (case, text))

    cases = []

    def add(case, name, t, opts=None):
        c = record(case + " " + name, t, opts)
        in_out(case, c["expected"])
        cases.append(c)

    # 17: the autograd tutorial on linspace(0, 2 pi, 25)
    a = torch.linspace(0., 2. * math.pi, steps=25, requires_grad=True)
    b = torch.sin(a)
    c = 2 * b
    d = c + 1
    add("17", "a = linspace(0, 2pi, 25)", a)
    add("17", "b = sin(a)", b)
    add("17", "c = 2 * b", c)
    add("17", "d = c + 1", d)
    add("17", "d.sum()", d.sum())
    d.sum().backward()
    add("17", "a.grad", a.grad)
    # 36: forward AD values (primal and tangent printed on their own)
    primal = torch.tensor([0., 1., 2.])
    add("36", "primal of 2 sin x", primal.sin() * 2)
    add("36", "tangent 2 cos x", primal.cos() * 2)
    # 52: linspace(0, 1, 12)
    add("52", "linspace(0, 1, 12)", torch.linspace(0, 1, 12, requires_grad=True))
    # 50: sin of [1, 2]
    add("50", "sin([1, 2])", torch.tensor([1., 2.], requires_grad=True).sin())
    return cases


def targeted_cases():
    """Hand-picked corners: extreme integers, 0-dim ints and bools, denormals, tiny line widths, precision 0."""
    T = torch.tensor
    items = [
        ("int64 extremes", T([-9223372036854775808, 9223372036854775807]), None),
        ("0-dim bool", T(True), None),
        ("0-dim int64", T(-5), None),
        ("summarised bool", (torch.arange(3000) % 3 == 0).reshape(3, 10, 100), None),
        ("float32 denormal and max", T([1e-45, 3.4e38]), None),
        ("float64 extremes", T([1e-300, 1e300], dtype=torch.float64), None),
        ("0-dim with threshold 0", T(2.5), {"threshold": 0}),
        ("linewidth 5", T([1.5, -2.25, 3.0]), {"linewidth": 5}),
        ("precision 0 fixed", T([1.5, 2.5, -0.5]), {"precision": 0}),
        ("precision 0 sci", T([1.5e-7, 2.5]), {"precision": 0}),
        ("precision 8", T([1 / 3, 2 / 3], dtype=torch.float64), {"precision": 8}),
        ("empty int64 matrix", torch.zeros(2, 0, dtype=torch.long), None),
        ("empty bool", torch.zeros(0, dtype=torch.bool), None),
        ("empty float64 3-d", torch.zeros(1, 0, 2, dtype=torch.float64), None),
        ("edgeitems larger than the rows", torch.arange(40.).reshape(2, 20), {"threshold": 10, "edgeitems": 15}),
        ("4-d summarised", torch.arange(4 * 5 * 6 * 7.).reshape(4, 5, 6, 7), {"threshold": 100, "edgeitems": 1}),
        ("negative zero in fixed mode", T([-0.0, 1.5]), None),
        ("negative zero with sci", T([-0.0, 1e-6]), None),
        ("tiny negative rounding to zero", T([-0.001, 0.5]), {"precision": 2}),
        ("float64 summarised wrapping", (torch.arange(3000, dtype=torch.float64) / 7).requires_grad_(), None),
        ("inf only", T([float("inf"), -float("inf")]), None),
        ("nan and zero with sci forced", T([float("nan"), 0.0]), {"sci_mode": True}),
        ("ones column", torch.ones(5, 1), None),
        ("long row wraps inside a matrix", torch.arange(60.).reshape(2, 30) * 1.5, None),
    ]
    return [record("targeted " + name, t, opts) for name, t, opts in items]


def python_sci_choice(t):
    """The automatic sci decision of _Formatter for a tensor that is not summarised (both 1.13 and 2.x)."""
    if not t.dtype.is_floating_point:
        return None
    v = t.reshape(-1)
    nz = v[torch.isfinite(v) & v.ne(0)]
    if nz.numel() == 0:
        return None  # the formatter returns before applying sci_mode: any forced value is harmless
    a = nz.abs().double()
    mn, mx = a.min().item(), a.max().item()
    return mx / mn > 1000.0 or mx > 1.0e8 or mn < 1.0e-4


def random_cases(rng, count):
    cases = []
    shapes = [(), (1,), (2,), (5,), (7,), (13,), (30,), (2, 3), (3, 1), (1, 4), (4, 5), (2, 2, 3), (3, 4, 2),
              (2, 1, 2, 3), (9, 9), (12,), (40,), (8, 8), (3, 3, 3, 3), (1, 1, 1), (0,), (0, 2), (2, 0, 3)]
    big_shapes = [(1001,), (2000,), (40, 50), (7, 11, 13), (3, 400), (11, 11, 11), (2, 3, 200)]
    kinds = ["normal", "ints", "tiny", "huge", "mixed", "specials", "ties", "halves", "wide", "small_ints"]
    for i in range(count):
        big = rng.random() < 0.08
        shape = rng.choice(big_shapes if big else shapes)
        dtype = rng.choice([torch.float32, torch.float32, torch.float32, torch.float64, torch.float64,
                            torch.int64, torch.bool])
        kind = rng.choice(kinds)
        n = 1
        for s in shape:
            n *= s
        gen = torch.Generator().manual_seed(rng.randrange(1 << 30))
        if dtype == torch.bool:
            t = torch.rand(shape, generator=gen) < 0.5
        elif dtype == torch.int64:
            scale = rng.choice([1, 10, 1000, 10 ** 6, 10 ** 12, 10 ** 18])
            t = (torch.randn(shape, generator=gen, dtype=torch.float64) * scale).long()
        else:
            x = torch.randn(shape, generator=gen, dtype=torch.float64)
            if kind == "normal":
                x = x * rng.choice([1, 3, 0.01, 100])
            elif kind == "ints":
                x = (x * rng.choice([1, 10, 100, 5000])).round()
            elif kind == "tiny":
                x = x * rng.choice([1e-3, 1e-5, 1e-9, 1e-30])
            elif kind == "huge":
                x = x * rng.choice([1e6, 1e8, 1e9, 1e20])
            elif kind == "mixed":
                x = x * torch.pow(10.0, torch.randint(-6, 7, shape, generator=gen).double())
            elif kind == "specials":
                pick = torch.randint(0, 6, shape, generator=gen)
                x = torch.where(pick == 0, torch.tensor(float("nan"), dtype=torch.float64), x)
                x = torch.where(pick == 1, torch.tensor(float("inf"), dtype=torch.float64), x)
                x = torch.where(pick == 2, torch.tensor(float("-inf"), dtype=torch.float64), x)
                x = torch.where(pick == 3, torch.tensor(-0.0, dtype=torch.float64), x)
                x = torch.where(pick == 4, torch.tensor(0.0, dtype=torch.float64), x)
            elif kind == "ties":
                # exact binary ties at 2-4 decimals: k/8, k/16, k/32 and k/2**14
                den = rng.choice([8, 16, 32, 2 ** 14])
                x = (x * den * 4).round() / den
            elif kind == "halves":
                x = (x * 10).round() / 2 + 0.5
            elif kind == "wide":
                x = x * 12345.678
            elif kind == "small_ints":
                x = (x * 3).round()
                if rng.random() < 0.5:
                    x = torch.where(x == 0, torch.tensor(-0.0, dtype=torch.float64), x)
            t = x.to(dtype)
        opts = {}
        r = rng.random()
        if r < 0.25:
            opts["precision"] = rng.choice([0, 1, 2, 3, 5, 6, 8])
        if rng.random() < 0.2:
            opts["linewidth"] = rng.choice([10, 20, 40, 60, 100, 120, 200])
        if rng.random() < 0.2 and n > 0:
            opts["threshold"] = rng.choice([1, 5, 10, max(1, n - 1), n])
        if rng.random() < 0.2:
            opts["edgeitems"] = rng.choice([1, 2, 4, 5])
        if rng.random() < 0.25 and n > 0:
            thr = opts.get("threshold", 1000)
            auto = python_sci_choice(t)
            if n <= thr and auto is not None:
                opts["sci_mode"] = auto  # forced, but equal to the automatic choice (1.13 == 2.x there)
            elif auto is None and t.dtype.is_floating_point:
                opts["sci_mode"] = rng.choice([True, False])
        if dtype.is_floating_point and rng.random() < 0.3:
            t = t.clone().requires_grad_(True)
            if rng.random() < 0.5:
                t = t * 1
        cases.append(record("random %d %s %s %s" % (i, kind, dtype_name(t), list(shape)), t, opts))
    return cases


def float_formats(rng, count):
    """'{:.Nf}' and '{:.Ne}' of doubles, ties and float32-widened values included."""
    vals = [0.0, -0.0, 0.125, 0.375, 2.5, -2.5, 0.5, 1.5, 1e-5, 1e-4, 9.9999997e-05, 12345.678, 2.00005,
            0.1 + 0.2, 1e22, 1e-310, 5e-324, 1.7976931348623157e308, 999999.5, 9.99995, 0.00049999999,
            123456789.0, -1e-7, 1e16, 2 ** 53 + 1.0]
    for _ in range(count):
        k = rng.randrange(6)
        if k == 0:
            v = rng.uniform(-10, 10)
        elif k == 1:
            v = rng.randrange(-10 ** 6, 10 ** 6) / rng.choice([2, 4, 8, 16, 32, 64, 1024, 2 ** 14])
        elif k == 2:
            v = float(torch.tensor(rng.uniform(-1000, 1000), dtype=torch.float32).item())
        elif k == 3:
            v = rng.uniform(1, 10) * 10.0 ** rng.randrange(-40, 40)
        elif k == 4:
            v = float(rng.randrange(-10 ** 9, 10 ** 9)) + 0.5
        else:
            v = -rng.uniform(0, 1e-3)
        vals.append(v)
    out = []
    for v in vals:
        for p in (0, 1, 2, 4, 6):
            out.append({"value": enc_float(v), "precision": p,
                        "f": ("{:.%df}" % p).format(v), "e": ("{:.%de}" % p).format(v)})
    return out


def main():
    rng = random.Random(20240521)
    doc = {
        "generator": "tools/golden/print_cases.py",
        "torch_version": torch.__version__,
        "cases": golden_cases() + targeted_cases() + random_cases(rng, 400),
        "float_formats": float_formats(rng, 300),
    }
    json.dump(doc, sys.stdout, indent=None, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
