#!/usr/bin/python3
"""PyTorch side of benchmarks/compare-cnn: one SGD step of the Fashion-MNIST "2 conv + pooling" CNN.
Usage: cnn_step.py THREADS BATCH HIDDEN STEPS. Prints "median best" milliseconds per step (CnnStepCompare.java)."""
import sys, time
import torch, torch.nn as nn, torch.nn.functional as Fn

threads, batch, hidden, steps = (int(a) for a in (sys.argv[1:] + ["2", "64", "1024", "5"][len(sys.argv) - 1:])[:4])
torch.set_num_threads(threads)
torch.manual_seed(0)
model = nn.Sequential(nn.Conv2d(1, 32, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Conv2d(32, 64, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Flatten(), nn.Linear(64 * 7 * 7, hidden), nn.ReLU(), nn.Linear(hidden, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.01)
x = torch.randn(batch, 1, 28, 28)
y = torch.arange(batch) % 10


def step():
    opt.zero_grad(set_to_none=True)
    loss = Fn.cross_entropy(model(x), y)
    loss.backward()
    opt.step()


for _ in range(3):
    for _ in range(steps):
        step()
ms = []
for _ in range(9):
    t = time.perf_counter()
    for _ in range(steps):
        step()
    ms.append((time.perf_counter() - t) * 1e3 / steps)
ms.sort()
print(f"{ms[len(ms) // 2]:.2f} {ms[0]:.2f}")
