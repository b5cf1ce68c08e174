#!/usr/bin/python3
"""Writes the JSON weights the frozen benchmark networks compile in (FrozenNetworks.cs): PyTorch's default
nn.Linear initialisation from fixed seeds, so rerunning reproduces every file.

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
