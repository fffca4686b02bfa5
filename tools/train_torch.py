#!/usr/bin/python3
"""The PyTorch side of docs/training.md: the same models, data, normalisation and settings as
dev.autograd4j.examples.train.FashionMnistTraining (Adam, lr 1e-3, batch 64, shuffled, cross-entropy), so accuracy
and wall time can be read side by side on the same machine.

    /usr/bin/python3 tools/train_torch.py --model mlp --epochs 15 --threads 2
    /usr/bin/python3 tools/train_torch.py --model cnn --epochs 5 --threads 2 [--data DIR]

Reads the gzip IDX files itself (torchvision is not installed here).
"""
import argparse
import gzip
import os
import struct
import time

# On this shared 2-core machine OpenMP's default spin-waiting makes torch with 2 threads ~15x slower than with one
# (370 vs 20 ms per MLP step measured); passive waiting removes that. Must be set before torch starts OpenMP.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import torch
import torch.nn as nn
import torch.nn.functional as F

MEAN, STD = 0.2860, 0.3530


def idx(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def split(directory, prefix):
    def find(name):
        for candidate in (name + ".gz", name):
            if os.path.exists(os.path.join(directory, candidate)):
                return os.path.join(directory, candidate)
        raise FileNotFoundError(f"{name}(.gz) not in {directory}")
    x = idx(find(f"{prefix}-images-idx3-ubyte")).float().div(255).unsqueeze(1)
    y = idx(find(f"{prefix}-labels-idx1-ubyte")).long()
    return (x - MEAN) / STD, y


def mlp():
    """Models.mlp(): the benchmark table's MLP 256-128-100."""
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(),
                         nn.Linear(128, 100), nn.ReLU(), nn.Linear(100, 10))


def cnn():
    """Models.cnn(): two 5x5 conv + ReLU + 2x2 max-pool stages (16, 32 channels), a 128-unit layer, 10 logits."""
    return nn.Sequential(nn.Conv2d(1, 16, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 5, 1, 2), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(32 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))


def evaluate(model, x, y):
    model.eval()
    loss, correct = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(x), 1000):
            logits = model(x[i:i + 1000])
            loss += F.cross_entropy(logits, y[i:i + 1000], reduction="sum").item()
            correct += (logits.argmax(1) == y[i:i + 1000]).sum().item()
    model.train()
    return loss / len(x), correct / len(x)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=["mlp", "cnn"], default="mlp")
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--cosine", action="store_true", help="CosineAnnealingLR from lr to 0 over the epochs, stepped per epoch")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    xtr, ytr = split(a.data, "train")
    xte, yte = split(a.data, "t10k")
    model = mlp() if a.model == "mlp" else cnn()
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=a.epochs, eta_min=0) if a.cosine else None
    gen = torch.Generator().manual_seed(a.seed)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s): {len(xtr)} training and {len(xte)} test "
          f"images; model {a.model}, {a.epochs} epoch(s), batch {a.batch_size}, Adam lr {a.lr}{' (cosine to 0)' if a.cosine else ''}", flush=True)
    total = 0.0
    for epoch in range(1, a.epochs + 1):
        start = time.perf_counter()
        perm = torch.randperm(len(xtr), generator=gen)
        loss_sum, correct, batches = 0.0, 0, 0
        for i in range(0, len(xtr), a.batch_size):
            idx_ = perm[i:i + a.batch_size]
            xb, yb = xtr[idx_], ytr[idx_]
            logits = model(xb)
            loss = F.cross_entropy(logits, yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            loss_sum += loss.item()
            batches += 1
            correct += (logits.detach().argmax(1) == yb).sum().item()
        seconds = time.perf_counter() - start
        total += seconds
        if schedule is not None:
            schedule.step()
        test_loss, test_acc = evaluate(model, xte, yte)
        print(f"epoch {epoch}/{a.epochs}: train loss {loss_sum / batches:.4f}, train accuracy {correct / len(xtr):.4f} | "
              f"test loss {test_loss:.4f}, test accuracy {test_acc:.4f} | {seconds:.1f} s, {len(xtr) / seconds:.0f} samples/s",
              flush=True)
    print(f"test accuracy: {test_acc:.4f} after {a.epochs} epoch(s), {total:.1f} s of training")


if __name__ == "__main__":
    main()
