"""Shared helpers for the golden-fixture generators (gen_ops.py, gen_edge.py).

Run the generators with Debian's python3-torch:   /usr/bin/python3 tools/golden/gen_ops.py
They write JSON fixtures under core/src/test/resources/golden/ that the Java tests read.

Fixture schema (one object per case; see gen_ops.py for the op/argument naming):

  {"torch": "<version>", "cases": [ {
     "id": "add/broadcast_2x3_3",      unique
     "op": "add",                       Java method name (camelCase)
     "args": {"alpha": 2.0},            extra non-tensor arguments by Java parameter name (omitted if none)
     "inputs": [ {"shape": [3,2], "dtype": "float32", "data": [...row-major...],
                  "requires_grad": true,
                  "view": [["t"], ["slice", dim, start, end, step], ["expand", [sizes]],
                           ["transpose", d0, d1], ["select", dim, index], ["permute", [dims]]] } ],
                  "view" (optional) is applied in order to the leaf built from shape/data; the op receives
                  the view; the recorded grad is the grad of the LEAF (shape = "shape").
     "output": {"shape", "dtype", "data"}          single-output ops
     "outputs": [ {...}, ... ]                     multi-output ops (max(dim), sort, chunk, split, unbind)
     "grad_output": {"shape", "data"}              upstream gradient for output (or outputs[0]); it has the
                                                   dtype of that output. Absent when nothing is differentiated
                                                   (bool/int outputs, or no input requires grad).
     "grads": [ {"shape", "dtype", "data"} or null ]   one per input; null where the input does not require
                                                   grad (or grad_output is absent).
  } ] }

Floats are stored as the exact Python float of the float32/float64 value (so Double.parseDouble then a
cast to float round-trips); NaN/inf are the strings "nan", "inf", "-inf". int64 data are JSON integers and
bool data JSON booleans.
"""
import json
import math
import os
import zlib

import numpy as np
import torch

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT_DIR = os.path.join(ROOT, "core", "src", "test", "resources", "golden")

DTYPES = {"float32": torch.float32, "float64": torch.float64, "int64": torch.int64, "bool": torch.bool}
DTYPE_NAMES = {v: k for k, v in DTYPES.items()}


def rng_for(key):
    """A numpy generator seeded from a string, so each case's data is stable when cases are added."""
    return np.random.default_rng(zlib.crc32(key.encode("utf-8")))


def rand(key, shape, lo=-2.0, hi=2.0, decimals=2):
    """Deterministic uniform values in [lo, hi], rounded; returned as a flat Python list."""
    n = int(np.prod(shape)) if len(shape) else 1
    v = rng_for(key).uniform(lo, hi, size=n)
    v = np.round(v, decimals)
    return [float(x) for x in v]


def distinct(key, shape, scale=0.37, offset=None, decimals=2):
    """Deterministic, pairwise distinct values (a shuffled arithmetic progression plus a tiny jitter):
    for max/min/sort/argmax cases that must have no ties."""
    n = int(np.prod(shape)) if len(shape) else 1
    perm = rng_for(key).permutation(n)
    if offset is None:
        offset = -scale * (n - 1) / 2.0
    return [float(round(offset + scale * float(p), decimals)) for p in perm]


def enc_float(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def enc_tensor(t, with_dtype=True):
    t = t.detach()
    d = {"shape": list(t.shape)}
    if with_dtype:
        d["dtype"] = DTYPE_NAMES[t.dtype]
    flat = t.reshape(-1)
    if t.dtype in (torch.float32, torch.float64):
        d["data"] = [enc_float(x) for x in flat.double().tolist()]
    elif t.dtype == torch.int64:
        d["data"] = [int(x) for x in flat.tolist()]
    elif t.dtype == torch.bool:
        d["data"] = [bool(x) for x in flat.tolist()]
    else:
        raise ValueError(f"unsupported dtype {t.dtype}")
    return d


def decode_float(x):
    if isinstance(x, str):
        return {"nan": float("nan"), "inf": float("inf"), "-inf": float("-inf")}[x]
    return x


class In:
    """One input of a case: a leaf built from (shape, data, dtype), optional requires_grad, optional view chain."""

    def __init__(self, shape, data, dtype="float32", rg=True, view=None):
        self.shape = list(shape)
        self.data = list(data)
        self.dtype = dtype
        self.rg = rg and dtype in ("float32", "float64")
        self.view = view
        n = int(np.prod(self.shape)) if self.shape else 1
        assert len(self.data) == n, (shape, len(self.data))

    def leaf(self):
        dt = DTYPES[self.dtype]
        if self.dtype in ("float32", "float64"):
            vals = [decode_float(x) for x in self.data]
        else:
            vals = self.data
        t = torch.tensor(vals, dtype=dt).reshape(self.shape)
        if self.rg:
            t.requires_grad_()
        return t

    def apply_view(self, t):
        for v in self.view or []:
            kind = v[0]
            if kind == "t":
                t = t.t()
            elif kind == "slice":
                _, dim, start, end, step = v
                idx = [slice(None)] * t.dim()
                idx[dim] = slice(start, end, step)
                t = t[tuple(idx)]
            elif kind == "expand":
                t = t.expand(*v[1])
            elif kind == "transpose":
                t = t.transpose(v[1], v[2])
            elif kind == "select":
                t = t.select(v[1], v[2])
            elif kind == "permute":
                t = t.permute(*v[1])
            else:
                raise ValueError(kind)
        return t

    def record(self):
        d = {"shape": self.shape, "dtype": self.dtype}
        if self.dtype in ("float32", "float64"):
            # Store the exact value of the stored dtype (float32 inputs: the float32 rounding of the literal).
            leaf = self.leaf().detach()
            d["data"] = enc_tensor(leaf)["data"]
        elif self.dtype == "int64":
            d["data"] = [int(x) for x in self.data]
        else:
            d["data"] = [bool(x) for x in self.data]
        d["requires_grad"] = self.rg
        if self.view:
            d["view"] = self.view
        return d


def F(shape, key, lo=-2.0, hi=2.0, view=None, rg=True, dtype="float32", decimals=2):
    """Shorthand: a float input with deterministic random data."""
    return In(shape, rand(key, shape, lo, hi, decimals), dtype=dtype, rg=rg, view=view)


def D(shape, key, view=None, rg=True, dtype="float32", scale=0.37):
    """Shorthand: a float input with distinct (tie-free) data."""
    return In(shape, distinct(key, shape, scale), dtype=dtype, rg=rg, view=view)


class Builder:
    def __init__(self):
        self.cases = []
        self.ids = set()

    def case(self, cid, op, fn, inputs, args=None, gout=None, backward=True):
        """Run fn on the (viewed) inputs with real PyTorch and record one case.

        fn: receives the viewed tensors, returns a tensor or a tuple/list of tensors (multi-output).
        gout: optional flat list for the upstream gradient of output 0 (default: deterministic random).
        """
        assert cid not in self.ids, cid
        self.ids.add(cid)
        leaves = [i.leaf() for i in inputs]
        viewed = [i.apply_view(l) for i, l in zip(inputs, leaves)]
        out = fn(*viewed)
        multi = isinstance(out, (tuple, list))
        outs = list(out) if multi else [out]
        main = outs[0]
        rec = {"id": cid, "op": op}
        if args:
            rec["args"] = {k: (enc_float(v) if isinstance(v, float) else v) for k, v in args.items()}
        rec["inputs"] = [i.record() for i in inputs]
        if multi:
            rec["outputs"] = [enc_tensor(o) for o in outs]
        else:
            rec["output"] = enc_tensor(main)
        grads = [None] * len(inputs)
        if backward and main.requires_grad:
            if gout is None:
                g = torch.tensor(rand(cid + ":gout", list(main.shape), -1.0, 1.0, 2), dtype=main.dtype)
            else:
                g = torch.tensor([decode_float(x) for x in gout], dtype=main.dtype)
            g = g.reshape(main.shape)
            main.backward(g)
            rec["grad_output"] = enc_tensor(g, with_dtype=False)
            for k, (i, l) in enumerate(zip(inputs, leaves)):
                if i.rg:
                    if l.grad is None:
                        # Input requires grad but the op did not use it: record zeros of its shape
                        # would be wrong (PyTorch leaves None); keep null and say so.
                        grads[k] = None
                    else:
                        assert l.grad.dtype == l.dtype
                        grads[k] = enc_tensor(l.grad)
        rec["grads"] = grads
        self.cases.append(rec)
        return rec

    def write(self, name, summary=True):
        os.makedirs(OUT_DIR, exist_ok=True)
        path = os.path.join(OUT_DIR, name)
        with open(path, "w") as f:
            f.write('{"torch": %s, "cases": [\n' % json.dumps(torch.__version__))
            for k, c in enumerate(self.cases):
                f.write(json.dumps(c, allow_nan=False, separators=(",", ":")))
                f.write(",\n" if k + 1 < len(self.cases) else "\n")
            f.write("]}\n")
        if summary:
            counts = {}
            for c in self.cases:
                counts[c["op"]] = counts.get(c["op"], 0) + 1
            print(f"wrote {path}: {len(self.cases)} cases, {os.path.getsize(path)} bytes")
            for op in sorted(counts):
                print(f"  {op}: {counts[op]}")
        return path
