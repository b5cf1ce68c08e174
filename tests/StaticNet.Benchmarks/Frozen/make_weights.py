#!/usr/bin/python3
"""Writes the JSON weights the frozen benchmark networks compile in (FrozenNetworks.cs): PyTorch's default
nn.Linear initialisation from fixed seeds, so rerunning reproduces every file.

The 784-128-10 file keeps each value to 4 decimals (at most 3 significant digits at that layer's scale) and writes
no spaces, which keeps it under 1 MB; the speed of a dense layer does not depend on the values. The Eigen anchors
(../Anchors/run-eigen-anchors.sh) read the same files.

Run from this directory with Debian's python3-torch: /usr/bin/python3 make_weights.py
"""
import json

import torch
from torch import nn

for name, sizes, seed in [("sigmoid453", [4, 5, 3], 1), ("tanh444", [4, 4, 4], 2), ("tanh16", [16, 16, 16], 3), ("tanh64", [64, 64, 64], 4)]:
    torch.manual_seed(seed)
    layers = nn.Sequential(*[nn.Linear(sizes[i], sizes[i + 1]) for i in range(len(sizes) - 1)])
    with open(f"{name}.weights.json", "w") as f:
        json.dump({k: v.tolist() for k, v in layers.state_dict().items()}, f)

torch.manual_seed(5)
mnist = nn.Sequential(nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
with open("mnist784.weights.json", "w") as f:
    rounded = {k: [[round(x, 4) for x in row] if isinstance(row, list) else round(row, 4) for row in v.tolist()] for k, v in mnist.state_dict().items()}
    json.dump(rounded, f, separators=(",", ":"))
