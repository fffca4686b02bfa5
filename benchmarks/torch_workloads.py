#!/usr/bin/python3
"""The PyTorch half of benchmarks/compare: the issue's workloads, timed the same way as Workloads.java.

Usage: /usr/bin/python3 benchmarks/torch_workloads.py THREADS WORKLOAD [WORKLOAD ...]
Prints one JSON object per workload: {"workload", "unit", "median", "min", "reps"}; times are per unit of work
(see UNITS). The workloads follow ../shared/bench/torch_bench.py, written once more here so that both sides
share one protocol: warm-up repeats first, then the median of the timed repeats.
"""
import json
import statistics as st
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def bench(fn, reps, warm):
    for _ in range(warm):
        fn()
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return ts


def op_overhead():
    """10,000 x z = z.div(x).mul(y) on 2x3 tensors that require grad: microseconds per op."""
    x = torch.randn((2, 3), requires_grad=True)
    y = torch.randn((2, 3), requires_grad=True)

    def run():
        z = torch.randn((2, 3), requires_grad=True)
        for _ in range(10000):
            z = z.div(x).mul(y)
    return [t / 20000 * 1e6 for t in bench(run, reps=9, warm=3)]


def chain_backward():
    """Backward of a 1000-op chain of small ops (500 x (z / x) * y, then sum): milliseconds."""
    ts = []
    for r in range(15):
        x = (torch.rand((2, 3)) + 1.0).requires_grad_()
        y = (torch.rand((2, 3)) + 1.0).requires_grad_()
        z = x
        for _ in range(500):
            z = (z / x) * y
        s = z.sum()
        t = time.perf_counter()
        s.backward()
        if r >= 3:
            ts.append((time.perf_counter() - t) * 1e3)
    return ts


def mlp(sizes, batch, steps, reps):
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(nn.Linear(sizes[i], sizes[i + 1]))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
    model = nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=1e-3)
    x = torch.randn(batch, sizes[0])
    y = torch.randn(batch, sizes[-1])

    def run():
        for _ in range(steps):
            opt.zero_grad(set_to_none=True)  # PyTorch 2.x's default
            F.mse_loss(model(x), y).backward()
            opt.step()
    return [t / steps for t in bench(run, reps=reps, warm=3)]


def tiny_model():
    """TinyModel 1000-100-10, batch 16: forward, MSE, backward, SGD step: microseconds per step."""
    return [t * 1e6 for t in mlp([1000, 100, 10], 16, 200, 9)]


def mlp_big():
    """MLP 784-1024-1024-10, batch 128, one train step: milliseconds per step."""
    return [t * 1e3 for t in mlp([784, 1024, 1024, 10], 128, 5, 7)]


def elementwise(name):
    """sin, exp or mul over 1e7 floats, forward + backward with a ones gradient: milliseconds."""
    n = 10_000_000
    x = (torch.rand(n) + 0.5).requires_grad_()
    w = (torch.rand(n) + 0.5).requires_grad_()
    g = torch.ones(n)
    f = {'sin': lambda: x.sin(), 'exp': lambda: x.exp(), 'mul': lambda: x * w}[name]

    def run():
        x.grad = None
        w.grad = None
        f().backward(g)
    return [t * 1e3 for t in bench(run, reps=9, warm=3)]


def conv():
    """The Fashion-MNIST "2 conv + pooling" CNN (as benchmarks/cnn_step.py), batch 64, cross-entropy, SGD: milliseconds."""
    model = nn.Sequential(
        nn.Conv2d(1, 32, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 1024), nn.ReLU(), nn.Linear(1024, 10))
    opt = torch.optim.SGD(model.parameters(), lr=1e-2)
    x = torch.randn(64, 1, 28, 28)
    y = torch.randint(0, 10, (64,))

    def run():
        opt.zero_grad(set_to_none=True)
        F.cross_entropy(model(x), y).backward()
        opt.step()
    return [t * 1e3 for t in bench(run, reps=7, warm=2)]


WORKLOADS = {
    'op_overhead': (op_overhead, 'us/op'),
    'chain_backward': (chain_backward, 'ms'),
    'tiny_model': (tiny_model, 'us/step'),
    'mlp': (mlp_big, 'ms/step'),
    'sin': (lambda: elementwise('sin'), 'ms'),
    'exp': (lambda: elementwise('exp'), 'ms'),
    'mul': (lambda: elementwise('mul'), 'ms'),
    'conv': (conv, 'ms/step'),
}

if __name__ == '__main__':
    threads = int(sys.argv[1])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    for name in sys.argv[2:]:
        fn, unit = WORKLOADS[name]
        ts = fn()
        print(json.dumps({'workload': name, 'unit': unit, 'median': st.median(ts), 'min': min(ts), 'reps': len(ts),
                          'version': torch.__version__}), flush=True)
