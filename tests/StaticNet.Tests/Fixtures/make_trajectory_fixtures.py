#!/usr/bin/python3
"""Makes the trajectory fixtures ActivationLossTrajectoryTests loads: small networks with each new activation (GELU,
SiLU, ELU, Softplus) and each new loss (Huber with delta 1 and 0.5, L1) trained by torch.optim for 48 steps from
fixed parameters on fixed mini-batches, recording every step's loss and parameters.

- <activation>: 4-6-3, the activation on the hidden layer, identity output, StaticNet's MSE (½Σ(ŷ − y)² per sample,
  averaged over the batch), SGD with momentum.
- <activation>_output: 3-5-2, the activation on the hidden and the output layer, MSE, SGD with momentum; the targets
  are positive, inside every one of the four functions' ranges.
- huber, huber_delta, l1: 4-8-3, tanh hidden layer, identity output, nn.HuberLoss(delta=1), nn.HuberLoss(delta=0.5)
  and nn.L1Loss with reduction='sum' divided by the batch size (StaticNet's convention: per sample the sum over the
  outputs, the batch mean over samples), Adam.

Run from this directory (it imports make_optimizer_fixtures.py's float writers) with Debian's python3-torch (1.13):
/usr/bin/python3 make_trajectory_fixtures.py
Writes trajectory_<name>.json: the batch size; the initial parameters in nn.Linear order W1, b1, W2, b2; the samples
(inputs and targets, row-major); the loss of each batch before its step; and every parameter after each step, all
float32 values written with nine significant digits. Every file is the same on every run (fixed seeds, one thread).
"""
import json

import torch
from torch import nn

from make_optimizer_fixtures import flat_parameters, floats

SAMPLES, BATCH, STEPS = 48, 8, 48

ACTIVATIONS = {
    "gelu": nn.GELU,  # exact, with erf: PyTorch's default approximate='none'
    "silu": nn.SiLU,
    "elu": nn.ELU,  # alpha = 1
    "softplus": nn.Softplus,  # beta = 1, linear above 20
}


def mse(outputs, targets):
    return 0.5 * ((outputs - targets) ** 2).sum(dim=1).mean()


def summed(loss):
    """A torch loss with reduction='sum' divided by the batch size: StaticNet's per-sample sum, batch mean."""
    return lambda outputs, targets: loss(reduction="sum")(outputs, targets) / outputs.shape[0]


def sgd(model):
    return torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)


def adam(model):
    return torch.optim.Adam(model.parameters(), lr=0.01)


def activation_problem(seed, sizes, activation, on_output):
    """Inputs ×2 reach ELU's negative side and GELU's and SiLU's bends; the targets are smooth functions of them."""
    torch.manual_seed(seed)
    layers = [nn.Linear(sizes[0], sizes[1]), activation(), nn.Linear(sizes[1], sizes[2])]
    model = nn.Sequential(*(layers + [activation()] if on_output else layers))
    inputs = torch.randn(SAMPLES, sizes[0]) * 2
    raw = torch.stack([torch.sin(inputs[:, 0]) + inputs[:, 1] * inputs[:, -1] / 2,
                       torch.cos(inputs[:, -1]) - inputs[:, 0] / 2,
                       torch.tanh(inputs[:, 1] - inputs[:, 0])], dim=1)[:, :sizes[2]]
    # On an activated output the targets must lie in every function's range: softplus of the smooth ones is positive.
    targets = nn.functional.softplus(raw) if on_output else raw
    return model, inputs, targets


def loss_problem(seed):
    """Targets ×2 put the errors on both sides of each Huber delta, and many errors on L1's linear slope."""
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 3))
    inputs = torch.randn(SAMPLES, 4)
    targets = 2 * torch.stack([torch.sin(inputs[:, 0] + inputs[:, 1]), inputs[:, 2] * inputs[:, 3],
                               torch.cos(inputs[:, 1]) - 0.5], dim=1)
    return model, inputs, targets


# name -> (problem: () -> (model, inputs, targets), loss function, optimizer factory). The C# test builds the same
# network and optimizer by name.
CONFIGS = {}
for index, (key, function) in enumerate(ACTIVATIONS.items()):
    CONFIGS[key] = (lambda f=function, s=40 + index: activation_problem(s, (4, 6, 3), f, False), mse, sgd)
    CONFIGS[key + "_output"] = (lambda f=function, s=50 + index: activation_problem(s, (3, 5, 2), f, True), mse, sgd)
CONFIGS["huber"] = (lambda: loss_problem(60), summed(lambda reduction: nn.HuberLoss(reduction=reduction, delta=1.0)), adam)
CONFIGS["huber_delta"] = (lambda: loss_problem(61), summed(lambda reduction: nn.HuberLoss(reduction=reduction, delta=0.5)), adam)
CONFIGS["l1"] = (lambda: loss_problem(62), summed(lambda reduction: nn.L1Loss(reduction=reduction)), adam)


def main():
    torch.set_num_threads(1)
    for name, (problem, loss_function, factory) in CONFIGS.items():
        model, inputs, targets = problem()
        initial = flat_parameters(model)
        optimizer = factory(model)
        losses, trajectory = [], []
        for step in range(STEPS):
            start = (step * BATCH) % SAMPLES
            x, y = inputs[start:start + BATCH], targets[start:start + BATCH]
            optimizer.zero_grad()
            loss = loss_function(model(x), y)
            loss.backward()
            optimizer.step()
            losses.append(float(f"{float(loss):.9g}"))
            trajectory.append(flat_parameters(model))
        with open(f"trajectory_{name}.json", "w", encoding="utf-8") as file:
            json.dump({"batchSize": BATCH, "initial": initial, "inputs": floats(inputs), "targets": floats(targets),
                       "losses": losses, "parameters": trajectory}, file)
            file.write("\n")
        print(f"{name}: loss {losses[0]:.4f} -> {losses[-1]:.4f} (min {min(losses):.4f}) over {STEPS} steps")


if __name__ == "__main__":
    main()
