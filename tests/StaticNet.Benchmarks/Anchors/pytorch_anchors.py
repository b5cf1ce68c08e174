#!/usr/bin/env python3
"""PyTorch on the same training work as StaticNet's MnistBenchmarks and SmallNetworkBenchmarks.

Times, per call, one SGD step (forward, mean loss, backward, update; lr 1e-3 as in the C# suite) of the
784-128-10 ReLU/softmax cross-entropy network at batch 32, 64 and 256 on uniform(-1, 1) inputs with one-hot
targets, and the 4-5-3 sigmoid + MSE train step of one sample, each with 1 and 2 intra-op threads.
Method (as BenchmarkDotNet and eigen_anchors.cpp): a loop of calls calibrated to about 20 ms, warmed up, then
timed 15 times; the median and minimum per call are printed as Markdown table rows (the header, with the CPU,
torch build and the BLAS library actually loaded, comes first with --header). Usage: pytorch_anchors.py THREADS [--header]
"""
import platform
import statistics
import sys
import time

import torch
import torch.nn.functional as F

LEARNING_RATE = 1e-3
REPEATS = 15


def cpu_model():
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def loaded_blas():
    """The BLAS library this process mapped (Debian's torch uses whichever libblas.so.3 the system selects)."""
    torch.mm(torch.ones(64, 64), torch.ones(64, 64))      # make sure BLAS is loaded
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(paths)) or "no BLAS library mapped"


def mnist_step(batch):
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(784, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    inputs = torch.rand(batch, 784) * 2 - 1
    labels = torch.randint(0, 10, (batch,))

    def step():
        optimizer.zero_grad(set_to_none=False)
        loss = F.cross_entropy(model(inputs), labels)   # mean over the batch, as BackwardBatch
        loss.backward()
        optimizer.step()
        return loss

    return step


def tiny_step():
    torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.Sigmoid(), torch.nn.Linear(5, 3), torch.nn.Sigmoid())
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    x = torch.tensor([[0.5, -0.25, 0.125, 1.0]])
    y = torch.tensor([[0.0, 1.0, 0.0]])

    def step():
        optimizer.zero_grad(set_to_none=False)
        loss = 0.5 * ((model(x) - y) ** 2).sum()         # ½ Σ (ŷ − y)², StaticNet's MSE
        loss.backward()
        optimizer.step()
        return loss

    return step


def measure(step):
    calls = 1
    while True:                                           # calibrate a loop to about 20 ms
        start = time.perf_counter()
        for _ in range(calls):
            step()
        if time.perf_counter() - start > 0.02:
            break
        calls *= 2
    for _ in range(calls):                                # warm-up
        step()
    per_call = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        for _ in range(calls):
            step()
        per_call.append((time.perf_counter() - start) / calls)
    return statistics.median(per_call), min(per_call)


def main():
    # One process per thread count: OpenBLAS sizes its own pool from OPENBLAS_NUM_THREADS at load time, so the
    # shell script sets it together with OMP_NUM_THREADS before starting Python.
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    torch.set_num_threads(threads)
    if "--header" in sys.argv:
        print(f"CPU: {cpu_model()}; torch {torch.__version__} with {loaded_blas()}; Python {platform.python_version()}\n")
        print("| work | threads | PyTorch median | PyTorch min | samples/s (median) |")
        print("|---|---|---|---|---|")
    for batch in (32, 64, 256):
        median, minimum = measure(mnist_step(batch))
        print(f"| 784-128-10 SGD step, batch {batch} | {threads} | {median * 1e6:,.1f} µs | {minimum * 1e6:,.1f} µs | {batch / median:,.0f} |")
    median, minimum = measure(tiny_step())
    print(f"| 4-5-3 sigmoid + MSE train step | {threads} | {median * 1e6:,.2f} µs | {minimum * 1e6:,.2f} µs | {1 / median:,.0f} |")


if __name__ == "__main__":
    main()
