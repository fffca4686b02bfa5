"""Copies the recorded outputs of the nn/optim SPEC cases (29, 44-49) into a test fixture.

Run:   /usr/bin/python3 tools/golden/gen_nn_cases.py [SPEC_CASES_DIR]
Reads  <SPEC_CASES_DIR>/NN_*.out (default /work/shared/spec/cases, recorded with real PyTorch 1.13 by the spec's
build.sh) and writes core/src/test/resources/golden/nn_cases.json as {"<case name>": ["line", ...]}, so the
Java replay tests (ModuleHooksCaseTest, TrainingCasesTest, ...) compare against PyTorch's own printed lines
without needing the spec directory.
"""
import glob
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from golden_common import OUT_DIR  # noqa: E402

CASES = ["29", "44", "45", "46", "47", "48", "49"]


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/spec/cases"
    out = {}
    for n in CASES:
        (path,) = glob.glob(os.path.join(src, n + "_*.out"))
        with open(path) as f:
            lines = f.read().split("\n")
        while lines and lines[-1] == "":
            lines.pop()
        out[os.path.basename(path)[:-4]] = lines
    dst = os.path.join(OUT_DIR, "nn_cases.json")
    with open(dst, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print("wrote", dst, list(out))


if __name__ == "__main__":
    main()
