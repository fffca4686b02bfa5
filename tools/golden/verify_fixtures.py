#!/usr/bin/python3
"""Replays every golden fixture case from its JSON alone, interpreting "op"/"args" the way the Java test's switch
does (Java names -> torch calls), and checks that torch reproduces the recorded outputs and grads bit for bit.
This catches fixtures whose recorded args disagree with the lambda the generator actually ran.

    /usr/bin/python3 tools/golden/verify_fixtures.py
"""
import json
import math
import os
import sys

import torch
import torch.nn.functional as Fn

from golden_common import OUT_DIR, DTYPES, decode_float


def tensor(d, dtype=None):
    dt = DTYPES[dtype or d["dtype"]]
    data = d["data"]
    if dt in (torch.float32, torch.float64):
        data = [decode_float(x) for x in data]
    return torch.tensor(data, dtype=dt).reshape(d["shape"])


def view(t, chain):
    for v in chain or []:
        k = v[0]
        if k == "t":
            t = t.t()
        elif k == "slice":
            idx = [slice(None)] * t.dim()
            idx[v[1]] = slice(v[2], v[3], v[4])
            t = t[tuple(idx)]
        elif k == "expand":
            t = t.expand(*v[1])
        elif k == "transpose":
            t = t.transpose(v[1], v[2])
        elif k == "select":
            t = t.select(v[1], v[2])
        elif k == "permute":
            t = t.permute(*v[1])
    return t


def num(a, k):
    return decode_float(a[k])


def call(op, a, ins):
    x = ins[0]
    y = ins[1] if len(ins) > 1 else None
    binary = {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "div": torch.div}
    if op in ("add", "sub"):
        if y is None:
            return binary[op](x, num(a, "other"))
        return binary[op](x, y, alpha=num(a, "alpha")) if "alpha" in a else binary[op](x, y)
    if op in ("mul", "div"):
        return binary[op](x, num(a, "other") if y is None else y)
    if op == "pow":
        return x ** num(a, "exponent") if y is None else x ** y
    if op == "rsub":
        return num(a, "other") - x
    if op == "rdiv":
        return num(a, "other") / x
    if op == "rpow":
        return num(a, "other") ** x
    if op in ("maximum", "minimum", "atan2", "xlogy"):
        return getattr(torch, op)(x, y)
    if op == "clamp":
        return x.clamp(num(a, "min"), num(a, "max"))
    if op == "clampMin":
        return x.clamp(min=num(a, "min"))
    if op == "clampMax":
        return x.clamp(max=num(a, "max"))
    if op == "where":
        return torch.where(ins[0], ins[1], ins[2])
    if op in ("gt", "lt", "ge", "le", "eq", "ne"):
        return getattr(torch, op)(x, num(a, "other") if y is None else y)
    simple = {"neg": torch.neg, "exp": torch.exp, "log": torch.log, "sin": torch.sin, "cos": torch.cos,
              "tan": torch.tan, "tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu, "sqrt": torch.sqrt,
              "abs": torch.abs, "sign": torch.sign, "floor": torch.floor, "ceil": torch.ceil, "round": torch.round,
              "silu": Fn.silu, "softplus": Fn.softplus, "hardtanh": Fn.hardtanh, "relu6": Fn.relu6,
              "log1p": torch.log1p, "expm1": torch.expm1, "log2": torch.log2, "rsqrt": torch.rsqrt,
              "reciprocal": torch.reciprocal, "square": torch.square, "asin": torch.asin, "acos": torch.acos,
              "atan": torch.atan, "sinh": torch.sinh, "cosh": torch.cosh, "erf": torch.erf,
              "trace": torch.trace, "t": torch.t, "contiguous": lambda t: t.contiguous(), "clone": torch.clone,
              "diagonal": torch.diagonal}
    if op in simple:
        return simple[op](x)
    if op == "leakyRelu":
        return Fn.leaky_relu(x, num(a, "negativeSlope"))
    if op == "elu":
        return Fn.elu(x, num(a, "alpha"))
    if op == "gelu":
        return Fn.gelu(x, approximate=a["approximate"]) if "approximate" in a else Fn.gelu(x)
    if op in ("sum", "mean"):
        return getattr(x, op)(a["dims"], a["keepdim"]) if "dims" in a else getattr(x, op)()
    if op == "prod":
        return x.prod(a["dim"], a["keepdim"]) if "dim" in a else x.prod()
    if op in ("max", "min"):
        return tuple(getattr(x, op)(a["dim"], a["keepdim"])) if "dim" in a else getattr(x, op)()
    if op == "sort":
        return tuple(x.sort(a["dim"], a["descending"]))
    if op in ("amax", "amin", "logsumexp"):
        return getattr(x, op)(a["dims"], a["keepdim"])
    if op in ("argmax", "argmin"):
        return getattr(x, op)(a["dim"], a["keepdim"]) if "dim" in a else getattr(x, op)()
    if op == "norm":
        if "p" not in a:
            return x.norm()
        if "dims" not in a:
            return x.norm(num(a, "p"))
        return x.norm(num(a, "p"), a["dims"], a["keepdim"])
    if op in ("var", "std"):
        return getattr(x, op)(a["dims"], unbiased=a["unbiased"], keepdim=a["keepdim"]) if "dims" in a \
            else getattr(x, op)()
    if op == "softmax":
        return torch.softmax(x, a["dim"])
    if op == "logSoftmax":
        return torch.log_softmax(x, a["dim"])
    if op in ("cumsum", "cumprod"):
        return getattr(torch, op)(x, a["dim"])
    if op in ("matmul", "mm", "bmm", "mv", "dot", "outer"):
        return getattr(torch, op)(x, y)
    if op in ("view", "reshape"):
        return getattr(x, op)(a["shape"])
    if op == "transpose":
        return x.transpose(a["dim0"], a["dim1"])
    if op == "permute":
        return x.permute(*a["dims"])
    if op == "expand":
        return x.expand(*a["sizes"])
    if op == "select":
        return x.select(a["dim"], a["index"])
    if op == "slice":
        return view(x, [["slice", a["dim"], a["start"], a["end"], a["step"]]])
    if op == "narrow":
        return x.narrow(a["dim"], a["start"], a["length"])
    if op == "squeeze":
        return x.squeeze(a["dim"]) if "dim" in a else x.squeeze()
    if op == "unsqueeze":
        return x.unsqueeze(a["dim"])
    if op == "flatten":
        return x.flatten(a["startDim"], a["endDim"]) if "startDim" in a else x.flatten()
    if op == "cat":
        return torch.cat(ins, a["dim"])
    if op == "stack":
        return torch.stack(ins, a["dim"])
    if op == "repeat":
        return x.repeat(*a["repeats"])
    if op == "flip":
        return x.flip(a["dims"])
    if op == "roll":
        return x.roll(a["shift"], a["dim"])
    if op in ("tril", "triu"):
        return getattr(x, op)(a["diagonal"])
    if op == "chunk":
        return tuple(x.chunk(a["chunks"], a["dim"]))
    if op == "split":
        return tuple(x.split(a["size"], a["dim"]))
    if op == "unbind":
        return tuple(x.unbind(a["dim"]))
    if op == "gather":
        return x.gather(a["dim"], y)
    if op == "indexSelect":
        return x.index_select(a["dim"], y)
    if op == "index":
        return x[y]
    if op == "maskedFill":
        return x.masked_fill(y, num(a, "value"))
    if op == "expr":
        return expr(a["expr"], ins)
    raise KeyError(op)


def expr(name, ins):
    x = ins[0]
    table = {
        "mulSelf": lambda: x * x, "divSelf": lambda: x / x, "subSelf": lambda: x - x, "powSelf": lambda: x ** x,
        "xlogySelf": lambda: torch.xlogy(x, x), "mulLog": lambda: x * x.log(), "expLog": lambda: x.log().exp(),
        "logExp": lambda: x.exp().log(), "sqrtSumSquares": lambda: (x * x).sum().sqrt(),
        "sumTimesX": lambda: x.sum() * x, "addOneSubSelf": lambda: x + 1.0 - x,
        "whereGt0Log": lambda: torch.where(x > 0.0, x.log(), ins[1]),
        "whereGt0Sqrt": lambda: torch.where(x > 0.0, x.sqrt(), ins[1]),
        "doubleWhereSqrt": lambda: torch.where(x > 0.0, torch.where(x > 0.0, x, ins[1]).sqrt(), ins[2]),
    }
    return table[name]()


def same(expected, t):
    if list(t.shape) != expected["shape"]:
        return False
    if "dtype" in expected and DTYPES[expected["dtype"]] != t.dtype:
        return False
    got = t.detach().reshape(-1).tolist()
    for g, x in zip(got, expected["data"]):
        if isinstance(x, str) or isinstance(g, float):
            x = decode_float(x)
            if math.isnan(x) and math.isnan(g):
                continue
        if g != x:
            return False
    return len(got) == len(expected["data"])


def verify(name):
    with open(os.path.join(OUT_DIR, name)) as f:
        fx = json.load(f)
    bad = 0
    for c in fx["cases"]:
        leaves = []
        for i in c["inputs"]:
            t = tensor(i)
            if i["requires_grad"]:
                t.requires_grad_()
            leaves.append(t)
        ins = [view(l, i.get("view")) for l, i in zip(leaves, c["inputs"])]
        out = call(c["op"], c.get("args", {}), ins)
        outs = list(out) if isinstance(out, tuple) else [out]
        exp_outs = c["outputs"] if "outputs" in c else [c["output"]]
        ok = len(outs) == len(exp_outs) and all(same(e, o) for e, o in zip(exp_outs, outs))
        if "grad_output" in c:
            outs[0].backward(tensor(c["grad_output"], {torch.float32: "float32", torch.float64: "float64"}[outs[0].dtype]))
            for l, g in zip(leaves, c["grads"]):
                if g is not None:
                    ok = ok and l.grad is not None and same(g, l.grad)
        if not ok:
            bad += 1
            print("MISMATCH", name, c["id"])
    print(f"{name}: {len(fx['cases'])} cases replayed, {bad} mismatches")
    return bad


if __name__ == "__main__":
    sys.exit(1 if verify("ops.json") + verify("edge.json") else 0)
