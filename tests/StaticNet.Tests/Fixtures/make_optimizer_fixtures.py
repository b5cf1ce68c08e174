#!/usr/bin/python3
"""Makes the optimizer fixtures OptimizerPyTorchTests loads: a 3-4-2 network (tanh hidden layer, identity output,
loss ½Σ(ŷ − y)² per sample, averaged over the batch: StaticNet's MSE convention) trained by torch.optim for 48
steps from fixed parameters on fixed batches, with and without clip_grad_norm_.

Run from this directory with Debian's python3-torch (1.13): /usr/bin/python3 make_optimizer_fixtures.py
Writes optimizer_problem.json (initial parameters in nn.Linear order W1, b1, W2, b2, the samples, the batch size)
and one optimizer_<config>.json per configuration (the loss of each batch before its step, the gradient norm
clip_grad_norm_ returned, and every parameter after each step, all as float32 values). Every file is the same on
every run (fixed seeds, one thread).
"""
import json

import torch
from torch import nn

SAMPLES, BATCH, STEPS, MAX_NORM = 48, 8, 48, 0.5



def without_bias_decay(model, weight_decay):
    """Two parameter groups: the weights decayed, the biases not (StaticNet's ExcludeBiasesFromWeightDecay)."""
    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
    biases = [p for name, p in model.named_parameters() if name.endswith("bias")]
    return [{"params": weights, "weight_decay": weight_decay}, {"params": biases, "weight_decay": 0.0}]


# name -> optimizer factory; the C# test builds the same optimizers by name. Each runs with and without
# clip_grad_norm_, except the *_nobias ones (parameter groups), which run without.
CONFIGS = {
    "adamw": lambda m: torch.optim.AdamW(m.parameters(), lr=0.01, weight_decay=0.1),
    "adam_l2": lambda m: torch.optim.Adam(m.parameters(), lr=0.01, weight_decay=0.05),
    "sgd_nesterov_decay": lambda m: torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01),
    "sgd_momentum_dampening": lambda m: torch.optim.SGD(m.parameters(), lr=0.05, momentum=0.9, dampening=0.3, weight_decay=0.01),
    "rmsprop": lambda m: torch.optim.RMSprop(m.parameters(), lr=0.01),
    "rmsprop_momentum": lambda m: torch.optim.RMSprop(m.parameters(), lr=0.005, momentum=0.9, weight_decay=0.01),
    "rmsprop_centered": lambda m: torch.optim.RMSprop(m.parameters(), lr=0.005, alpha=0.9, centered=True),
    "adamw_nobias": lambda m: torch.optim.AdamW(without_bias_decay(m, 0.1), lr=0.01),
    "sgd_nesterov_decay_nobias": lambda m: torch.optim.SGD(without_bias_decay(m, 0.05), lr=0.05, momentum=0.9, nesterov=True),
    "rmsprop_momentum_nobias": lambda m: torch.optim.RMSprop(without_bias_decay(m, 0.05), lr=0.005, momentum=0.9),
}


def floats(tensor):
    # Nine significant digits identify a float32 exactly.
    return [float(f"{v:.9g}") for v in tensor.detach().reshape(-1).tolist()]


def flat_parameters(model):
    return floats(torch.cat([p.detach().reshape(-1) for p in model.parameters()]))


def main():
    torch.set_num_threads(1)
    torch.manual_seed(19)
    inputs = torch.randn(SAMPLES, 3)
    # A smooth target the network can partly fit, scaled so that early gradients exceed MAX_NORM.
    targets = torch.stack([torch.sin(2 * inputs[:, 0]) + inputs[:, 1] * inputs[:, 2],
                           1.5 * torch.cos(inputs[:, 1]) - inputs[:, 0]], dim=1)
    initial = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))

    with open("optimizer_problem.json", "w") as f:
        json.dump({"batchSize": BATCH, "steps": STEPS, "maxNorm": MAX_NORM,
                   "parameters": flat_parameters(initial), "inputs": floats(inputs), "targets": floats(targets)}, f)

    for name, factory in CONFIGS.items():
        for clip in (False,) if name.endswith("_nobias") else (False, True):
            model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
            model.load_state_dict(initial.state_dict())
            optimizer = factory(model)
            losses, norms, trajectory = [], [], []
            for step in range(STEPS):
                start = (step * BATCH) % SAMPLES
                x, y = inputs[start:start + BATCH], targets[start:start + BATCH]
                optimizer.zero_grad()
                loss = 0.5 * ((model(x) - y) ** 2).sum(dim=1).mean()
                loss.backward()
                if clip:
                    norms.append(float(f"{float(nn.utils.clip_grad_norm_(model.parameters(), MAX_NORM)):.9g}"))
                optimizer.step()
                losses.append(float(f"{float(loss):.9g}"))
                trajectory.append(flat_parameters(model))
            with open(f"optimizer_{name}{'_clip' if clip else ''}.json", "w") as f:
                json.dump({"losses": losses, "norms": norms, "parameters": trajectory}, f)
            print(f"{name} clip={clip}: loss {losses[0]:.4f} -> {losses[-1]:.4f}, norms clipped: {sum(n > MAX_NORM for n in norms)}")


if __name__ == "__main__":
    main()
