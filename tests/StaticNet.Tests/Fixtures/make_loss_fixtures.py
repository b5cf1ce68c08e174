#!/usr/bin/python3
"""Makes the loss fixtures RegressionLossPyTorchTests loads: a 4-8-3 network (tanh hidden layer, identity output) with
fixed parameters, a batch of 8 samples whose targets put errors on both sides of Huber's delta, and for nn.HuberLoss
(delta 1) and nn.L1Loss the loss and its gradient in StaticNet's convention.

StaticNet's per-sample loss is the sum over the outputs and a batch's loss the mean over samples, so it equals
PyTorch's reduction='sum' divided by the batch size, which is the default reduction='mean' (a mean over every
element) times the number of outputs. Both PyTorch values are written, so the test checks that relation too.

Run from this directory with Debian's python3-torch (1.13): /usr/bin/python3 make_loss_fixtures.py
Writes loss_<name>.json (parameters in nn.Linear order W1, b1, W2, b2; inputs; targets; loss (StaticNet's
convention); torch_mean_loss (PyTorch's default reduction); gradient of the StaticNet loss), all float32 values written
with nine significant digits. Every file is the same on every run (fixed seeds, one thread).
"""
import json

import torch
from torch import nn

BATCH = 8
LOSSES = {
    "huber": lambda reduction: nn.HuberLoss(reduction=reduction, delta=1.0),
    "l1": lambda reduction: nn.L1Loss(reduction=reduction),
}


def floats(tensor):
    # Nine significant digits identify a float32 exactly.
    return [float(f"{v:.9g}") for v in tensor.detach().reshape(-1).tolist()]


def main():
    torch.set_num_threads(1)
    for name, loss_function in LOSSES.items():
        torch.manual_seed(3)
        model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3))
        inputs = torch.randn(BATCH, 4)
        targets = torch.randn(BATCH, 3) * 2
        outputs = model(inputs)
        loss = loss_function("sum")(outputs, targets) / BATCH
        torch_mean = loss_function("mean")(outputs, targets)
        model.zero_grad()
        loss.backward()
        with open(f"loss_{name}.json", "w", encoding="utf-8") as file:
            json.dump({"parameters": floats(torch.cat([p.detach().reshape(-1) for p in model.parameters()])),
                       "inputs": [floats(r) for r in inputs], "targets": [floats(r) for r in targets],
                       "loss": floats(loss)[0], "torch_mean_loss": floats(torch_mean)[0],
                       "gradient": floats(torch.cat([p.grad.reshape(-1) for p in model.parameters()]))}, file)
            file.write("\n")


if __name__ == "__main__":
    main()
