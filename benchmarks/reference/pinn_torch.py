#!/usr/bin/env python3
"""Reference PINN in plain PyTorch (float64, nested autograd), the way users write PINNs today.

Run by `pinn bench --against-torch`, which writes a JSON configuration with the problem's points and
data, the network's initial weights (the same θ the toolkit starts from, in its flat layout), the
evaluation grid with the exact solution, the Adam -> L-BFGS schedule and the wall-clock budget. This
script trains the same network on the same points and prints one JSON line with the history of the
relative L2 error against training time (evaluation time excluded, as in the toolkit).

Supported residual kinds: "neg_laplacian" (-Δu - f) and "value" (u - g), each term's loss
w * mean(r^2), as in the toolkit. Usage: python3 pinn_torch.py CONFIG.json

It runs on one thread: torch's own (set_num_threads) and the BLAS's (OPENBLAS_NUM_THREADS, set here before
torch loads it), and it reports the BLAS its matrix products actually call (the "blas" object: the library
that holds dgemm_, and OpenBLAS's own description of itself), so the caller can refuse an unfair comparison.
"""
import ctypes
import json
import math
import os
import re
import sys
import time

for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"   # read once, when the BLAS is loaded: before importing torch

import torch  # noqa: E402


def blas_in_use():
    """The BLAS that torch's matrix products call: the library whose code holds dgemm_ as torch's own library
    resolves it (found in /proc/self/maps), its kind, what it says about itself and its thread count."""
    maps = []
    for line in open("/proc/self/maps"):
        fields = line.split()
        if len(fields) >= 6 and fields[5].startswith("/"):
            low, high = (int(v, 16) for v in fields[0].split("-"))
            maps.append((low, high, fields[5]))
    libtorch = next((p for _, _, p in maps if os.path.basename(p).startswith("libtorch_cpu")), None)
    path = None
    if libtorch is not None:
        try:
            address = ctypes.cast(ctypes.CDLL(libtorch).dgemm_, ctypes.c_void_p).value
            path = next((p for low, high, p in maps if low <= address < high), None)
        except AttributeError:   # no dgemm_ in reach: a BLAS linked into libtorch (MKL) or none
            path = libtorch
    if path is None:
        return dict(kind="unknown", detail="", threads=0, path="dgemm_ not found")
    path = os.path.realpath(path)
    lib = ctypes.CDLL(path)
    if hasattr(lib, "openblas_get_config"):
        lib.openblas_get_config.restype = ctypes.c_char_p
        return dict(kind="OpenBLAS", detail=lib.openblas_get_config().decode().strip(),
                    threads=lib.openblas_get_num_threads(), path=path)
    name = path.lower()
    kind = ("MKL" if "mkl" in name or "libtorch_cpu" in name else "BLIS" if "blis" in name else "ATLAS" if "atlas" in name
            else "reference BLAS (netlib)" if "/blas/" in name or "netlib" in name else "unknown")
    return dict(kind=kind, detail="", threads=1 if kind.startswith("reference") else 0, path=path)


def build(widths, theta, lower, upper):
    layers, offset = [], 0
    for fan_in, fan_out in zip(widths[:-1], widths[1:]):
        layer = torch.nn.Linear(fan_in, fan_out, dtype=torch.float64)
        with torch.no_grad():
            layer.weight.copy_(torch.tensor(theta[offset:offset + fan_in * fan_out], dtype=torch.float64).view(fan_out, fan_in))
            offset += fan_in * fan_out
            layer.bias.copy_(torch.tensor(theta[offset:offset + fan_out], dtype=torch.float64))
            offset += fan_out
        layers.append(layer)
    assert offset == len(theta), "theta does not match the widths"
    center = (torch.tensor(lower, dtype=torch.float64) + torch.tensor(upper, dtype=torch.float64)) / 2
    half = (torch.tensor(upper, dtype=torch.float64) - torch.tensor(lower, dtype=torch.float64)) / 2

    class Net(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.layers = torch.nn.ModuleList(layers)

        def forward(self, x):
            a = (x - center) / half          # inputs scaled to [-1, 1], as the toolkit does
            for i, layer in enumerate(self.layers):
                a = layer(a)
                if i + 1 < len(self.layers):
                    a = torch.tanh(a)
            return a

    return Net()


def residual(net, term):
    x = term["x"]
    if term["kind"] == "value":
        return net(x).squeeze(-1) - term["data"]
    if term["kind"] == "neg_laplacian":
        x = x.clone().requires_grad_(True)
        u = net(x)
        grad = torch.autograd.grad(u.sum(), x, create_graph=True)[0]
        laplacian = 0
        for k in range(x.shape[1]):
            laplacian = laplacian + torch.autograd.grad(grad[:, k].sum(), x, create_graph=True)[0][:, k]
        return -laplacian - term["data"]
    raise ValueError(f"unknown residual kind {term['kind']}")


def main():
    config = json.load(open(sys.argv[1]))
    torch.set_num_threads(config.get("threads", 1))
    torch.manual_seed(0)
    net = build(config["widths"], config["theta"], config["lower"], config["upper"])
    terms = [dict(kind=t["kind"], weight=t["weight"], x=torch.tensor(t["points"], dtype=torch.float64),
                  data=torch.tensor(t["data"], dtype=torch.float64)) for t in config["terms"]]
    eval_x = torch.tensor(config["eval_points"], dtype=torch.float64)
    exact = torch.tensor(config["exact"], dtype=torch.float64)
    schedule, budget, ratio = config["schedule"], config["budget"], config.get("eval_ratio", 1.1)

    def loss_fn():
        return sum(t["weight"] * residual(net, t).pow(2).mean() for t in terms)

    def rel_l2():
        with torch.no_grad():
            u = net(eval_x).squeeze(-1)
            return (torch.linalg.norm(u - exact) / torch.linalg.norm(exact)).item()

    history, train_seconds, step, next_eval = [], 0.0, 0, 0.05
    adam_seconds, adam_steps = 0.0, 0

    def record(loss, force=False):
        nonlocal next_eval
        if force or train_seconds >= next_eval:
            next_eval = train_seconds * ratio
            history.append([train_seconds, rel_l2(), step, loss])

    record(loss_fn().item(), force=True)
    adam = torch.optim.Adam(net.parameters(), lr=schedule["lr"])
    while step < schedule["adam_steps"] and train_seconds < budget:
        start = time.perf_counter()
        adam.zero_grad()
        loss = loss_fn()
        loss.backward()
        adam.step()
        elapsed = time.perf_counter() - start
        train_seconds += elapsed
        adam_seconds += elapsed
        adam_steps += 1
        step += 1
        record(loss.item())
    # Float64 tolerances (the PyTorch defaults 1e-7 / 1e-9 stop early); one iteration per call so the
    # error can be recorded against time; the optimizer keeps its history between calls.
    lbfgs = torch.optim.LBFGS(net.parameters(), lr=1, max_iter=1, history_size=schedule["lbfgs_history"],
                              tolerance_grad=1e-11, tolerance_change=1e-16, line_search_fn="strong_wolfe")

    def closure():
        lbfgs.zero_grad()
        value = loss_fn()
        value.backward()
        return value

    lbfgs_steps = 0
    while lbfgs_steps < schedule["lbfgs_steps"] and train_seconds < budget:
        start = time.perf_counter()
        loss = lbfgs.step(closure)
        train_seconds += time.perf_counter() - start
        step += 1
        lbfgs_steps += 1
        record(loss.item())
        if not math.isfinite(loss.item()):
            break
    record(loss_fn().item(), force=True)
    def finite(value):
        return value if isinstance(value, (int, str)) or (isinstance(value, float) and math.isfinite(value)) else None

    history = [[finite(v) for v in row] for row in history]
    print(json.dumps({
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
        "blas": blas_in_use(),
        "adam_steps": adam_steps,
        "adam_ms_per_step": 1000 * adam_seconds / max(adam_steps, 1),
        "lbfgs_steps": lbfgs_steps,
        "steps": step,
        "seconds": train_seconds,
        "final_rel_l2": history[-1][1],
        "history": history,
    }, allow_nan=False))


if __name__ == "__main__":
    main()
