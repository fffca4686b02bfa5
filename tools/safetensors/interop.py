#!/usr/bin/python3
"""safetensors interop between autograd4j and PyTorch, both directions.

Python's `safetensors` package is not installed on these machines (and PyPI is unreachable), so this script reads
and writes the format by hand from its specification: an 8-byte little-endian unsigned header length N, N bytes of
JSON ({name: {"dtype", "shape", "data_offsets": [begin, end]}, optional "__metadata__": {str: str}}), then the raw
little-endian tensor bytes, with data_offsets relative to the start of that data section.

    /usr/bin/python3 tools/safetensors/interop.py write core/src/test/resources/safetensors/from_torch.safetensors
        writes the file SafetensorsTest.readsTheFileWrittenByPyTorch loads (values listed in torch_tensors()).
    /usr/bin/python3 tools/safetensors/interop.py check core/target/interop/from_autograd4j.safetensors
        loads the file SafetensorsTest.writesTheFileThatPyTorchChecks writes, checks the formula tensors exactly and
        loads the model weights into the same torch.nn model, whose output must match the output autograd4j saved.
"""
import json
import math
import struct
import sys

import torch

DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.int64: "I64", torch.bool: "BOOL"}
TORCH = {v: k for k, v in DTYPES.items()}


def save(tensors, path, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata:
        header["__metadata__"] = metadata
    for name, t in tensors.items():
        raw = t.detach().contiguous().numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(raw)]}
        blobs.append(raw)
        offset += len(raw)
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)  # 8-byte aligned data, as the reference writer pads
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    meta = header.pop("__metadata__", {})
    body = data[8 + n:]
    out = {}
    for name, info in header.items():
        b, e = info["data_offsets"]
        dtype = TORCH[info["dtype"]]
        buf = bytearray(body[b:e])
        t = torch.frombuffer(buf, dtype=dtype) if e > b else torch.empty(0, dtype=dtype)
        out[name] = t.reshape(info["shape"]).clone()
    assert sum(t.numel() * t.element_size() for t in out.values()) == len(body), "data section has holes"
    return out, meta


def torch_tensors():
    torch.manual_seed(0)
    conv = torch.nn.Conv2d(1, 2, 3)
    return {
        "fc.weight": ((torch.arange(12, dtype=torch.float32) - 6) / 4).reshape(3, 4),
        "conv.weight": conv.weight.detach(),
        "conv.bias": conv.bias.detach(),
        "counts": torch.tensor([0, -1, 2**63 - 1], dtype=torch.int64),
        "flags": torch.tensor([True, False, False, True]),
        "half": torch.tensor([0.5, -1.5, 65504.0], dtype=torch.float16),
        "mixed": torch.tensor([math.pi, -math.e, 1e-300], dtype=torch.float64),
    }


def java_model():
    """The model SafetensorsTest builds: Sequential(Linear(4, 8), BatchNorm1d(8), ReLU(), Linear(8, 3))."""
    return torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.BatchNorm1d(8), torch.nn.ReLU(), torch.nn.Linear(8, 3))


def check(path):
    tensors, meta = load(path)
    assert meta == {"format": "pt", "written_by": "autograd4j"}, meta
    expect = {
        "ramp": (torch.arange(24, dtype=torch.float32) / 8 - 1).reshape(2, 3, 4),
        "ramp64": torch.arange(5, dtype=torch.float64) * math.pi,
        "labels": torch.tensor([3, -7, 2**62], dtype=torch.int64),
        "mask": torch.tensor([True, False, True]),
    }
    for name, want in expect.items():
        got = tensors[name]
        assert got.dtype == want.dtype and got.shape == want.shape and torch.equal(got, want), (name, got, want)
    model = java_model()
    state = {k[len("model."):]: v for k, v in tensors.items() if k.startswith("model.")}
    missing, unexpected = model.load_state_dict(state, strict=True)
    model.eval()
    with torch.no_grad():
        y = model(tensors["input"])
    diff = (y - tensors["output"]).abs().max().item()
    assert diff < 1e-5, f"torch output differs from autograd4j's by {diff}"
    print(f"OK: {len(tensors)} tensors from {path}; formula tensors equal; torch model on autograd4j weights "
          f"reproduces autograd4j's output (max abs diff {diff:.2e}); num_batches_tracked="
          f"{int(state['1.num_batches_tracked'])}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "check"):
        sys.exit(__doc__)
    if sys.argv[1] == "write":
        save(torch_tensors(), sys.argv[2], {"format": "pt", "written_by": "torch " + torch.__version__})
        tensors, _ = load(sys.argv[2])  # read back our own file before a Java test relies on it
        for k, v in torch_tensors().items():
            assert torch.equal(tensors[k], v), k
        print("wrote", sys.argv[2])
    else:
        check(sys.argv[2])
