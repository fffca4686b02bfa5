"""Writes core/src/test/resources/golden/linspace.json: torch.linspace float32 values, bit for bit.

Run with Debian's python3-torch:   /usr/bin/python3 tools/golden/gen_linspace.py
Only sizes PyTorch fills on its scalar path (and 25, spec case 17's sin example) are recorded: for longer
outputs PyTorch's vectorised fill depends on the CPU's vector width.
"""
import json, math, os
import torch

CASES = [(0.0, 2 * math.pi, 25), (0.0, 1.0, 5), (-3.0, 2.5, 7), (1.0, -1.0, 11), (0.0, 10.0, 3), (-1.3, 9.1, 15),
         (2.0, 2.0, 4), (0.0, 1.0, 1), (0.0, 1.0, 0)]
out = {"torch": torch.__version__, "cases": [
    {"start": s, "end": e, "steps": n, "data": torch.linspace(s, e, n).tolist()} for s, e, n in CASES]}
path = os.path.join(os.path.dirname(__file__), "../../core/src/test/resources/golden/linspace.json")
with open(path, "w") as f:
    json.dump(out, f, indent=1)
    f.write("\n")
