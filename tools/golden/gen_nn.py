"""Golden values for dev.autograd4j.nn and dev.autograd4j.optim, computed by real PyTorch.

Run with Debian's python3-torch:   /usr/bin/python3 tools/golden/gen_nn.py
Writes core/src/test/resources/golden/nn.json, read by core/src/test/java/dev/autograd4j/nn/NnGolden.java.

Nothing depends on torch's RNG: every weight, input and target is a fixed value written into the JSON
(numpy generators seeded by the case id, rounded to 2 decimals), so the Java side sets the same weights.

Schema:
  layers:     {id, layer, args, train, params{name: T}, buffers{name: T}, input: T, output: T,
               grad_output: T, input_grad: T|null, param_grads{name: T}, buffers_after{name: T}}
  losses:     {id, loss, args, input: T, target: T, weight: T|null, pos_weight: T|null, output: T,
               grad_output: T, input_grad: T}
  optimizers: {id, optimizer, args, groups: [{params: [idx...], options{...}}], params: [T...],
               curvature: [T...], offset: [T...], steps: [[T...] per step]}
              the loss is sum(0.5 * curvature * p^2 + offset * p) over the params, so grad = curvature*p + offset
  schedulers: {id, scheduler, args, optimizer_args, metrics?: [...], lrs: [[lr per group] per epoch],
               momenta?: [...]}
  T = {"shape": [...], "dtype": "float32"|"int64", "data": [...]}
"""
import json
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
from golden_common import OUT_DIR, enc_tensor, rand, distinct  # noqa: E402


def T(shape, key, lo=-2.0, hi=2.0):
    return torch.tensor(rand(key, shape, lo, hi), dtype=torch.float32).reshape(shape)


def D(shape, key, scale=0.37):
    """pairwise distinct values (no ties for max pooling)."""
    return torch.tensor(distinct(key, shape, scale), dtype=torch.float32).reshape(shape)


def enc(t):
    return None if t is None else enc_tensor(t)


# ---------------------------------------------------------------------------------------------------------
# Layers
# ---------------------------------------------------------------------------------------------------------

def make_layer(kind, a):
    if kind == "Linear":
        return nn.Linear(a["in"], a["out"], bias=a.get("bias", True))
    if kind == "Conv2d":
        return nn.Conv2d(a["in"], a["out"], tuple(a["kernel"]), stride=tuple(a["stride"]), padding=tuple(a["padding"]),
                         dilation=tuple(a["dilation"]), groups=a["groups"], bias=a["bias"])
    if kind == "Conv1d":
        return nn.Conv1d(a["in"], a["out"], a["kernel"], stride=a["stride"], padding=a["padding"],
                         dilation=a["dilation"], groups=a["groups"], bias=a["bias"])
    if kind == "MaxPool2d":
        return nn.MaxPool2d(tuple(a["kernel"]), stride=tuple(a["stride"]), padding=tuple(a["padding"]),
                            dilation=tuple(a["dilation"]))
    if kind == "AvgPool2d":
        return nn.AvgPool2d(tuple(a["kernel"]), stride=tuple(a["stride"]), padding=tuple(a["padding"]))
    if kind == "AdaptiveAvgPool2d":
        return nn.AdaptiveAvgPool2d(tuple(a["size"]))
    if kind == "BatchNorm1d":
        return nn.BatchNorm1d(a["features"], eps=a["eps"], momentum=a["momentum"], affine=a["affine"])
    if kind == "BatchNorm2d":
        return nn.BatchNorm2d(a["features"], eps=a["eps"], momentum=a["momentum"], affine=a["affine"])
    if kind == "LayerNorm":
        return nn.LayerNorm(a["shape"], eps=a["eps"], elementwise_affine=a["affine"])
    if kind == "Embedding":
        return nn.Embedding(a["num"], a["dim"], padding_idx=a.get("padding_idx"))
    if kind == "ReLU":
        return nn.ReLU()
    if kind == "LeakyReLU":
        return nn.LeakyReLU(a["slope"])
    if kind == "GELU":
        return nn.GELU(approximate=a["approximate"])
    if kind == "SiLU":
        return nn.SiLU()
    if kind == "Sigmoid":
        return nn.Sigmoid()
    if kind == "Tanh":
        return nn.Tanh()
    if kind == "Softmax":
        return nn.Softmax(dim=a["dim"])
    if kind == "LogSoftmax":
        return nn.LogSoftmax(dim=a["dim"])
    if kind == "Flatten":
        return nn.Flatten(a["start"], a["end"])
    if kind == "Dropout":
        return nn.Dropout(a["p"])
    raise ValueError(kind)


def layer_case(cid, kind, args, x, train=True, buffers=None, int_input=False):
    torch.manual_seed(0)
    m = make_layer(kind, args)
    params = {}
    with torch.no_grad():
        for name, p in m.named_parameters():
            v = T(tuple(p.shape), cid + "/" + name, -1.0, 1.0)
            if kind == "Embedding" and args.get("padding_idx") is not None:
                v[args["padding_idx"]] = 0
            p.copy_(v)
            params[name] = enc(v)
        for name, v in (buffers or {}).items():
            dict(m.named_buffers())[name].copy_(v)
    bufs_before = {n: enc(b) for n, b in m.named_buffers() if b.dtype == torch.float32}
    m.train(train)
    xin = x.clone()
    if not int_input:
        xin.requires_grad_()
    out = m(xin)
    gout = T(tuple(out.shape), cid + "/gout", -1.0, 1.0)
    out.backward(gout)
    return {
        "id": cid, "layer": kind, "args": args, "train": train,
        "params": params, "buffers": bufs_before,
        "input": enc(x), "output": enc(out), "grad_output": enc(gout),
        "input_grad": None if int_input else enc(xin.grad),
        "param_grads": {n: enc(p.grad) for n, p in m.named_parameters()},
        "buffers_after": {n: enc(b) for n, b in m.named_buffers() if b.dtype == torch.float32},
    }


def layers():
    cs = []
    cs.append(layer_case("linear/2d", "Linear", {"in": 3, "out": 2}, T((4, 3), "lin2d")))
    cs.append(layer_case("linear/3d", "Linear", {"in": 3, "out": 2}, T((2, 4, 3), "lin3d")))
    cs.append(layer_case("linear/nobias", "Linear", {"in": 3, "out": 2, "bias": False}, T((4, 3), "linnb")))
    conv = lambda i, o, k, s, p, d, g, b: {"in": i, "out": o, "kernel": k, "stride": s, "padding": p, "dilation": d,
                                           "groups": g, "bias": b}
    cs.append(layer_case("conv2d/3x3_pad1", "Conv2d", conv(2, 3, [3, 3], [1, 1], [1, 1], [1, 1], 1, True),
                         T((2, 2, 5, 4), "c1")))
    cs.append(layer_case("conv2d/rect_stride_dil_nobias", "Conv2d", conv(2, 4, [3, 2], [2, 1], [1, 0], [1, 2], 1, False),
                         T((2, 2, 7, 6), "c2")))
    cs.append(layer_case("conv2d/groups2", "Conv2d", conv(4, 6, [2, 2], [1, 1], [0, 0], [1, 1], 2, True),
                         T((1, 4, 4, 3), "c3")))
    cs.append(layer_case("conv2d/5x5_pad2", "Conv2d", conv(1, 2, [5, 5], [1, 1], [2, 2], [1, 1], 1, True),
                         T((2, 1, 6, 6), "c4")))
    cs.append(layer_case("conv1d/stride2_pad1", "Conv1d", {"in": 2, "out": 3, "kernel": 3, "stride": 2, "padding": 1,
                                                           "dilation": 1, "groups": 1, "bias": True}, T((2, 2, 9), "c5")))
    pool = lambda k, s, p, d: {"kernel": k, "stride": s, "padding": p, "dilation": d}
    cs.append(layer_case("maxpool2d/2", "MaxPool2d", pool([2, 2], [2, 2], [0, 0], [1, 1]), D((2, 3, 4, 6), "m1")))
    cs.append(layer_case("maxpool2d/3_s2_p1", "MaxPool2d", pool([3, 3], [2, 2], [1, 1], [1, 1]), D((1, 2, 5, 5), "m2")))
    cs.append(layer_case("avgpool2d/2", "AvgPool2d", {"kernel": [2, 2], "stride": [2, 2], "padding": [0, 0]},
                         T((2, 2, 4, 5), "a1")))
    cs.append(layer_case("avgpool2d/3_s2_p1", "AvgPool2d", {"kernel": [3, 3], "stride": [2, 2], "padding": [1, 1]},
                         T((1, 2, 5, 6), "a2")))
    cs.append(layer_case("adaptiveavgpool2d/2x3", "AdaptiveAvgPool2d", {"size": [2, 3]}, T((2, 2, 5, 7), "aa1")))
    cs.append(layer_case("adaptiveavgpool2d/1", "AdaptiveAvgPool2d", {"size": [1, 1]}, T((2, 3, 4, 4), "aa2")))
    bn = lambda f: {"features": f, "eps": 1e-5, "momentum": 0.1, "affine": True}
    cs.append(layer_case("batchnorm1d/train_2d", "BatchNorm1d", bn(3), T((5, 3), "b1"),
                         buffers={"running_mean": T((3,), "b1rm"), "running_var": T((3,), "b1rv", 0.5, 2.0)}))
    cs.append(layer_case("batchnorm1d/train_3d", "BatchNorm1d", bn(3), T((4, 3, 2), "b2")))
    cs.append(layer_case("batchnorm2d/train", "BatchNorm2d", bn(3), T((2, 3, 3, 2), "b3")))
    cs.append(layer_case("batchnorm2d/eval", "BatchNorm2d", bn(3), T((2, 3, 3, 2), "b4"), train=False,
                         buffers={"running_mean": T((3,), "b4rm"), "running_var": T((3,), "b4rv", 0.5, 2.0)}))
    cs.append(layer_case("layernorm/last", "LayerNorm", {"shape": [4], "eps": 1e-5, "affine": True}, T((2, 3, 4), "l1")))
    cs.append(layer_case("layernorm/two_dims", "LayerNorm", {"shape": [3, 4], "eps": 1e-5, "affine": True},
                         T((2, 3, 4), "l2")))
    cs.append(layer_case("layernorm/no_affine", "LayerNorm", {"shape": [4], "eps": 1e-3, "affine": False},
                         T((3, 4), "l3")))
    cs.append(layer_case("embedding/plain", "Embedding", {"num": 5, "dim": 3},
                         torch.tensor([[1, 2, 4], [4, 3, 1]]), int_input=True))
    cs.append(layer_case("embedding/padding_idx", "Embedding", {"num": 5, "dim": 3, "padding_idx": 0},
                         torch.tensor([0, 2, 0, 3, 2]), int_input=True))
    x = T((3, 4), "act")
    cs.append(layer_case("relu", "ReLU", {}, x))
    cs.append(layer_case("leakyrelu/0.2", "LeakyReLU", {"slope": 0.2}, x))
    cs.append(layer_case("gelu/none", "GELU", {"approximate": "none"}, x))
    cs.append(layer_case("gelu/tanh", "GELU", {"approximate": "tanh"}, x))
    cs.append(layer_case("silu", "SiLU", {}, x))
    cs.append(layer_case("sigmoid", "Sigmoid", {}, x))
    cs.append(layer_case("tanh", "Tanh", {}, x))
    cs.append(layer_case("softmax/1", "Softmax", {"dim": 1}, x))
    cs.append(layer_case("logsoftmax/1", "LogSoftmax", {"dim": 1}, x))
    cs.append(layer_case("flatten/1_-1", "Flatten", {"start": 1, "end": -1}, T((2, 3, 2, 2), "fl")))
    cs.append(layer_case("dropout/eval", "Dropout", {"p": 0.5}, x, train=False))
    return cs


# ---------------------------------------------------------------------------------------------------------
# Losses
# ---------------------------------------------------------------------------------------------------------

def loss_case(cid, kind, args, x, y, weight=None, pos_weight=None):
    xin = x.clone().requires_grad_()
    a = dict(args)
    if kind == "mse":
        out = F.mse_loss(xin, y, reduction=a["reduction"])
    elif kind == "l1":
        out = F.l1_loss(xin, y, reduction=a["reduction"])
    elif kind == "smooth_l1":
        out = F.smooth_l1_loss(xin, y, reduction=a["reduction"], beta=a["beta"])
    elif kind == "huber":
        out = F.huber_loss(xin, y, reduction=a["reduction"], delta=a["delta"])
    elif kind == "nll":
        out = F.nll_loss(xin, y, weight=weight, ignore_index=a["ignore_index"], reduction=a["reduction"])
    elif kind == "cross_entropy":
        out = F.cross_entropy(xin, y, weight=weight, ignore_index=a["ignore_index"], reduction=a["reduction"],
                              label_smoothing=a["label_smoothing"])
    elif kind == "bce":
        out = F.binary_cross_entropy(xin, y, weight=weight, reduction=a["reduction"])
    elif kind == "bce_with_logits":
        out = F.binary_cross_entropy_with_logits(xin, y, weight=weight, pos_weight=pos_weight, reduction=a["reduction"])
    elif kind == "kl_div":
        out = F.kl_div(xin, y, reduction=a["reduction"], log_target=a["log_target"])
    else:
        raise ValueError(kind)
    gout = T(tuple(out.shape), cid + "/gout", 0.5, 1.5)
    out.backward(gout)
    return {"id": cid, "loss": kind, "args": a, "input": enc(x), "target": enc(y), "weight": enc(weight),
            "pos_weight": enc(pos_weight), "output": enc(out), "grad_output": enc(gout), "input_grad": enc(xin.grad)}


def losses():
    cs = []
    x, y = T((3, 4), "lx"), T((3, 4), "ly")
    for r in ("mean", "sum", "none"):
        cs.append(loss_case("mse/" + r, "mse", {"reduction": r}, x, y))
        cs.append(loss_case("l1/" + r, "l1", {"reduction": r}, x, y))
        cs.append(loss_case("smooth_l1/" + r, "smooth_l1", {"reduction": r, "beta": 1.0}, x, y))
        cs.append(loss_case("huber/" + r, "huber", {"reduction": r, "delta": 1.0}, x, y))
    cs.append(loss_case("smooth_l1/beta0.5", "smooth_l1", {"reduction": "mean", "beta": 0.5}, x, y))
    cs.append(loss_case("huber/delta0.7", "huber", {"reduction": "sum", "delta": 0.7}, x, y))
    logits = T((5, 4), "ce")
    labels = torch.tensor([0, 3, 1, 3, 2])
    labels_ign = torch.tensor([0, -100, 1, 3, -100])
    w = T((4,), "cew", 0.5, 2.0)
    logp = torch.log_softmax(logits, 1)
    for r in ("mean", "sum", "none"):
        ce = {"reduction": r, "ignore_index": -100, "label_smoothing": 0.0}
        cs.append(loss_case("cross_entropy/" + r, "cross_entropy", ce, logits, labels))
        cs.append(loss_case("cross_entropy/weight_" + r, "cross_entropy", ce, logits, labels, weight=w))
        cs.append(loss_case("cross_entropy/ignore_" + r, "cross_entropy", ce, logits, labels_ign))
        cs.append(loss_case("cross_entropy/smoothing_" + r, "cross_entropy", dict(ce, label_smoothing=0.1), logits,
                            labels_ign))
        cs.append(loss_case("cross_entropy/smoothing_weight_" + r, "cross_entropy", dict(ce, label_smoothing=0.2),
                            logits, labels, weight=w))
        nll = {"reduction": r, "ignore_index": -100}
        cs.append(loss_case("nll/" + r, "nll", nll, logp, labels))
        cs.append(loss_case("nll/weight_ignore_" + r, "nll", nll, logp, labels_ign, weight=w))
    cs.append(loss_case("nll/ignore_index_3", "nll", {"reduction": "mean", "ignore_index": 3}, logp, labels))
    cs.append(loss_case("cross_entropy/1d_input", "cross_entropy",
                        {"reduction": "mean", "ignore_index": -100, "label_smoothing": 0.0}, T((4,), "ce1"),
                        torch.tensor(2)))
    cs.append(loss_case("cross_entropy/spatial", "cross_entropy",
                        {"reduction": "mean", "ignore_index": -100, "label_smoothing": 0.0}, T((2, 3, 2, 2), "ce4"),
                        torch.tensor([[[0, 2], [1, 1]], [[2, 0], [0, 1]]])))
    p = torch.sigmoid(T((3, 4), "bp"))
    t01 = torch.tensor(rand("bt", (12,), 0.0, 1.0)).reshape(3, 4).float()
    bw = T((3, 4), "bw", 0.5, 2.0)
    for r in ("mean", "sum", "none"):
        cs.append(loss_case("bce/" + r, "bce", {"reduction": r}, p, t01))
        cs.append(loss_case("bce/weight_" + r, "bce", {"reduction": r}, p, t01, weight=bw))
        cs.append(loss_case("bce_with_logits/" + r, "bce_with_logits", {"reduction": r}, x, t01))
        cs.append(loss_case("bce_with_logits/pos_weight_" + r, "bce_with_logits", {"reduction": r}, x, t01,
                            pos_weight=T((4,), "pw", 0.5, 3.0)))
        cs.append(loss_case("bce_with_logits/weight_" + r, "bce_with_logits", {"reduction": r}, x, t01, weight=bw))
    cs.append(loss_case("bce_with_logits/large", "bce_with_logits", {"reduction": "none"},
                        torch.tensor([100., -100., 30., -30.]), torch.tensor([0., 1., 1., 0.])))
    lq = torch.log_softmax(T((3, 4), "kq"), 1)
    pt = torch.softmax(T((3, 4), "kp"), 1)
    pt[0, 1] = 0.0
    for r in ("batchmean", "sum", "none", "mean"):
        cs.append(loss_case("kl_div/" + r, "kl_div", {"reduction": r, "log_target": False}, lq, pt))
    cs.append(loss_case("kl_div/log_target", "kl_div", {"reduction": "batchmean", "log_target": True}, lq,
                        torch.log_softmax(T((3, 4), "kp2"), 1)))
    return cs


# ---------------------------------------------------------------------------------------------------------
# Optimizers
# ---------------------------------------------------------------------------------------------------------

def make_opt(kind, groups, args):
    if kind == "SGD":
        return torch.optim.SGD(groups, **args)
    if kind == "Adam":
        return torch.optim.Adam(groups, **args)
    if kind == "AdamW":
        return torch.optim.AdamW(groups, **args)
    if kind == "RMSprop":
        return torch.optim.RMSprop(groups, **args)
    if kind == "Adagrad":
        return torch.optim.Adagrad(groups, **args)
    raise ValueError(kind)


def opt_case(cid, kind, args, group_split=None, group_options=None, steps=3):
    shapes = [(2, 3), (3,)]
    params = [T(s, cid + "/p%d" % i) for i, s in enumerate(shapes)]
    curv = [T(s, cid + "/c%d" % i, 0.5, 2.0) for i, s in enumerate(shapes)]
    off = [T(s, cid + "/o%d" % i, -1.0, 1.0) for i, s in enumerate(shapes)]
    ps = [torch.nn.Parameter(p.clone()) for p in params]
    split = group_split or [[0, 1]]
    gopts = group_options or [{} for _ in split]
    groups = [dict({"params": [ps[i] for i in idx]}, **o) for idx, o in zip(split, gopts)]
    opt = make_opt(kind, groups, args)
    traj = []
    for _ in range(steps):
        opt.zero_grad()
        loss = sum((0.5 * c * p * p + o * p).sum() for p, c, o in zip(ps, curv, off))
        loss.backward()
        opt.step()
        traj.append([enc(p.detach()) for p in ps])
    return {"id": cid, "optimizer": kind, "args": {k: (list(v) if isinstance(v, tuple) else v) for k, v in args.items()},
            "groups": [{"params": idx, "options": o} for idx, o in zip(split, gopts)],
            "params": [enc(p) for p in params], "curvature": [enc(c) for c in curv], "offset": [enc(o) for o in off],
            "steps": traj}


def optimizers():
    cs = []
    cs.append(opt_case("sgd/plain", "SGD", {"lr": 0.1}))
    cs.append(opt_case("sgd/momentum_dampening_wd", "SGD", {"lr": 0.1, "momentum": 0.9, "dampening": 0.3,
                                                           "weight_decay": 0.05}))
    cs.append(opt_case("sgd/nesterov_maximize", "SGD", {"lr": 0.05, "momentum": 0.8, "nesterov": True,
                                                       "maximize": True}))
    cs.append(opt_case("sgd/groups", "SGD", {"lr": 0.1, "momentum": 0.9}, [[0], [1]], [{"lr": 0.01}, {"momentum": 0.5}]))
    cs.append(opt_case("adam/default", "Adam", {"lr": 0.01}, steps=5))
    cs.append(opt_case("adam/wd_betas_eps", "Adam", {"lr": 0.05, "betas": (0.8, 0.95), "eps": 1e-3,
                                                     "weight_decay": 0.1}))
    cs.append(opt_case("adam/amsgrad_maximize", "Adam", {"lr": 0.02, "amsgrad": True, "maximize": True}, steps=4))
    cs.append(opt_case("adamw/default", "AdamW", {"lr": 0.01}, steps=5))
    cs.append(opt_case("adamw/wd", "AdamW", {"lr": 0.05, "weight_decay": 0.3, "amsgrad": True}))
    cs.append(opt_case("rmsprop/default", "RMSprop", {"lr": 0.01}, steps=4))
    cs.append(opt_case("rmsprop/momentum_centered_wd", "RMSprop", {"lr": 0.01, "alpha": 0.9, "momentum": 0.7,
                                                                   "centered": True, "weight_decay": 0.1}))
    cs.append(opt_case("adagrad/default", "Adagrad", {"lr": 0.1}, steps=4))
    cs.append(opt_case("adagrad/decay_init_wd", "Adagrad", {"lr": 0.1, "lr_decay": 0.1, "initial_accumulator_value": 0.5,
                                                            "weight_decay": 0.2, "eps": 1e-6}))
    return cs


# ---------------------------------------------------------------------------------------------------------
# Schedulers
# ---------------------------------------------------------------------------------------------------------

def sched_case(cid, kind, args, epochs, opt_kind="SGD", opt_args=None, group_lrs=None, metrics=None):
    opt_args = opt_args or {"lr": 0.1, "momentum": 0.9}
    ps = [torch.nn.Parameter(torch.zeros(1)) for _ in (group_lrs or [None])]
    groups = [{"params": [p]} if lr is None else {"params": [p], "lr": lr} for p, lr in zip(ps, group_lrs or [None])]
    opt = make_opt(opt_kind, groups, opt_args)
    S = torch.optim.lr_scheduler
    if kind == "StepLR":
        s = S.StepLR(opt, step_size=args["step_size"], gamma=args["gamma"])
    elif kind == "MultiStepLR":
        s = S.MultiStepLR(opt, milestones=args["milestones"], gamma=args["gamma"])
    elif kind == "ExponentialLR":
        s = S.ExponentialLR(opt, gamma=args["gamma"])
    elif kind == "CosineAnnealingLR":
        s = S.CosineAnnealingLR(opt, T_max=args["T_max"], eta_min=args["eta_min"])
    elif kind == "LinearLR":
        s = S.LinearLR(opt, start_factor=args["start_factor"], end_factor=args["end_factor"],
                       total_iters=args["total_iters"])
    elif kind == "OneCycleLR":
        s = S.OneCycleLR(opt, max_lr=args["max_lr"], total_steps=args["total_steps"], pct_start=args["pct_start"],
                         anneal_strategy=args["anneal_strategy"], three_phase=args["three_phase"])
    elif kind == "ReduceLROnPlateau":
        s = S.ReduceLROnPlateau(opt, mode=args["mode"], factor=args["factor"], patience=args["patience"],
                                threshold=args["threshold"], threshold_mode=args["threshold_mode"],
                                cooldown=args["cooldown"], min_lr=args["min_lr"])
    else:
        raise ValueError(kind)

    def momenta():
        if opt_kind == "SGD":
            return [g["momentum"] for g in opt.param_groups]
        return [g["betas"][0] for g in opt.param_groups]

    lrs = [[g["lr"] for g in opt.param_groups]]
    moms = [momenta()]
    for e in range(epochs):
        opt.step()
        if metrics is not None:
            s.step(metrics[e])
        else:
            s.step()
        lrs.append([g["lr"] for g in opt.param_groups])
        moms.append(momenta())
    c = {"id": cid, "scheduler": kind, "args": args, "optimizer": opt_kind, "optimizer_args": opt_args,
         "group_lrs": group_lrs, "lrs": lrs, "momenta": moms}
    if metrics is not None:
        c["metrics"] = metrics
    return c


def schedulers():
    cs = []
    cs.append(sched_case("steplr", "StepLR", {"step_size": 3, "gamma": 0.5}, 10))
    cs.append(sched_case("steplr/groups", "StepLR", {"step_size": 2, "gamma": 0.1}, 6, group_lrs=[0.1, 0.02]))
    cs.append(sched_case("multisteplr", "MultiStepLR", {"milestones": [2, 5, 5, 8], "gamma": 0.5}, 10))
    cs.append(sched_case("exponentiallr", "ExponentialLR", {"gamma": 0.9}, 8))
    cs.append(sched_case("cosineannealinglr", "CosineAnnealingLR", {"T_max": 5, "eta_min": 0.001}, 14))
    cs.append(sched_case("linearlr", "LinearLR", {"start_factor": 0.25, "end_factor": 1.0, "total_iters": 4}, 7))
    cs.append(sched_case("linearlr/decay", "LinearLR", {"start_factor": 1.0, "end_factor": 0.5, "total_iters": 3}, 5))
    cs.append(sched_case("onecyclelr/cos_sgd", "OneCycleLR", {"max_lr": 0.5, "total_steps": 12, "pct_start": 0.3,
                                                             "anneal_strategy": "cos", "three_phase": False}, 12))
    cs.append(sched_case("onecyclelr/linear_three_phase_adam", "OneCycleLR",
                         {"max_lr": 0.01, "total_steps": 10, "pct_start": 0.25, "anneal_strategy": "linear",
                          "three_phase": True}, 10, opt_kind="Adam", opt_args={"lr": 0.001}))
    rop = {"mode": "min", "factor": 0.5, "patience": 1, "threshold": 1e-4, "threshold_mode": "rel", "cooldown": 0,
           "min_lr": 0.0}
    cs.append(sched_case("reducelronplateau/min", "ReduceLROnPlateau", rop, 10,
                         metrics=[1.0, 0.9, 0.95, 0.93, 0.92, 0.92, 0.5, 0.6, 0.7, 0.8]))
    cs.append(sched_case("reducelronplateau/max_abs_cooldown", "ReduceLROnPlateau",
                         dict(rop, mode="max", threshold=0.05, threshold_mode="abs", cooldown=2, min_lr=0.02,
                              patience=0), 10,
                         metrics=[0.1, 0.2, 0.22, 0.23, 0.5, 0.51, 0.52, 0.53, 0.54, 0.55]))
    return cs


# ---------------------------------------------------------------------------------------------------------
# Module printing, state dict keys and errors, gradient clipping
# ---------------------------------------------------------------------------------------------------------

class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2))
        self.head = nn.Linear(8, 2, bias=False)

    def forward(self, x):
        return self.head(self.features(x).mean((2, 3)))


def modules():
    all_layers = nn.Sequential(
        nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.MaxPool2d(2), nn.Dropout(0.5), nn.Flatten(),
        nn.LeakyReLU(), nn.GELU(), nn.SiLU(), nn.Sigmoid(), nn.Tanh(), nn.Softmax(dim=1), nn.LogSoftmax(dim=1),
        nn.Embedding(10, 3), nn.LayerNorm(4), nn.BatchNorm1d(3), nn.Conv1d(2, 3, 5, stride=2), nn.AvgPool2d(2),
        nn.AdaptiveAvgPool2d((1, 1)), nn.Linear(2, 3, bias=False),
        nn.Conv2d(2, 4, (3, 5), stride=(1, 2), padding=(1, 2), bias=False), nn.MaxPool2d(3, stride=2, padding=1),
        nn.Embedding(5, 2, padding_idx=0), nn.LayerNorm([2, 3], elementwise_affine=False), nn.ReLU(),
        nn.Conv2d(4, 4, 3, groups=2, dilation=2), nn.AdaptiveAvgPool2d(3), nn.GELU(approximate="tanh"),
        nn.LeakyReLU(0.2), nn.Dropout(0.1))
    block = Block()
    sd = block.state_dict()
    errors = {}
    bad = dict(sd)
    del bad["head.weight"]
    bad["extra.weight"] = torch.zeros(1)
    bad["features.0.bias"] = torch.zeros(3)
    try:
        block.load_state_dict(bad)
    except RuntimeError as e:
        errors["missing_unexpected_size"] = str(e)
    try:
        block.load_state_dict({k: v for k, v in sd.items() if k != "features.1.running_var"})
    except RuntimeError as e:
        errors["missing_only"] = str(e)
    nonstrict = block.load_state_dict({k: v for k, v in sd.items() if k != "head.weight"}, strict=False)
    return {"repr_all_layers": repr(all_layers), "repr_block": repr(block), "block_state_dict_keys": list(sd.keys()),
            "block_parameter_names": [n for n, _ in block.named_parameters()], "load_errors": errors,
            "load_nonstrict": repr(nonstrict)}


def clipping():
    cs = []
    for cid, max_norm, norm_type in [("norm2/clipped", 1.0, 2.0), ("norm2/unclipped", 100.0, 2.0),
                                     ("norm1", 0.5, 1.0), ("norm_inf", 0.3, float("inf"))]:
        ps = [torch.nn.Parameter(torch.zeros(2, 3)), torch.nn.Parameter(torch.zeros(4))]
        grads = [T((2, 3), "clip/g0"), T((4,), "clip/g1")]
        for p, g in zip(ps, grads):
            p.grad = g.clone()
        total = torch.nn.utils.clip_grad_norm_(ps, max_norm, norm_type=norm_type)
        cs.append({"id": cid, "max_norm": max_norm, "norm_type": "inf" if math.isinf(norm_type) else norm_type,
                   "grads": [enc(g) for g in grads], "total": float(total), "after": [enc(p.grad) for p in ps]})
    ps = [torch.nn.Parameter(torch.zeros(2, 3))]
    g = T((2, 3), "clip/g0")
    ps[0].grad = g.clone()
    torch.nn.utils.clip_grad_value_(ps, 0.5)
    cs.append({"id": "value0.5", "clip_value": 0.5, "grads": [enc(g)], "after": [enc(ps[0].grad)]})
    return cs


def init_facts():
    """calculate_gain values and the bounds/stds the init functions use for a [20, 8, 3, 3] weight."""
    gains = {k: nn.init.calculate_gain(k, p) for k, p in
             [("linear", None), ("sigmoid", None), ("tanh", None), ("relu", None), ("selu", None)]}
    gains["leaky_relu"] = nn.init.calculate_gain("leaky_relu", 0.2)
    fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(torch.empty(20, 8, 3, 3))
    return {"gains": gains, "fan_in": fan_in, "fan_out": fan_out,
            "kaiming_uniform_bound_relu_fan_in": math.sqrt(3.0) * nn.init.calculate_gain("relu") / math.sqrt(fan_in),
            "kaiming_normal_std_relu_fan_out": nn.init.calculate_gain("relu") / math.sqrt(fan_out),
            "xavier_uniform_bound": math.sqrt(6.0 / (fan_in + fan_out)),
            "xavier_normal_std": math.sqrt(2.0 / (fan_in + fan_out))}


def main():
    out = {"torch": torch.__version__, "layers": layers(), "losses": losses(), "optimizers": optimizers(),
           "schedulers": schedulers(),
           "modules": modules(), "clipping": clipping(), "init": init_facts()}
    path = os.path.join(OUT_DIR, "nn.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print("wrote", path, {k: len(v) for k, v in out.items() if isinstance(v, list)})


if __name__ == "__main__":
    main()
