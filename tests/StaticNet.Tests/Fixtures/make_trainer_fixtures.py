"""Fixtures for the Trainer's weighted loss and plateau schedule, computed by PyTorch 1.13.

weighted_ce.json: a 4-5-3 network (tanh hidden, softmax output, cross-entropy) with fixed parameters, and for each
of two batches (8 and 80 samples) the weighted cross-entropy
    J = sum_s w_s * CE_s / sum_s w_s,  w_s = sample_weight_s * class_weight[label_s]
(torch's CrossEntropyLoss(weight=class_weights, reduction='mean') times per-sample weights), and dJ/dtheta flattened
in nn.Linear order (W1, b1, W2, b2). With unit sample weights J is exactly CrossEntropyLoss(weight=...)(logits, y).

plateau.json: the learning rate ReduceLROnPlateau(mode='min', threshold_mode='rel') gives after each step(loss) of a
fixed loss sequence, for two settings.

Run: cd tests/StaticNet.Tests/Fixtures && /usr/bin/python3 make_trainer_fixtures.py
"""
import json

import torch

torch.manual_seed(7)
model = torch.nn.Sequential(torch.nn.Linear(4, 5), torch.nn.Tanh(), torch.nn.Linear(5, 3))
class_weights = torch.tensor([1.0, 2.5, 0.5])


def flat(tensors):
    return [float(v) for t in tensors for v in t.detach().reshape(-1).tolist()]


def batch(n, unit_sample_weights):
    x = torch.randn(n, 4)
    y = torch.randint(0, 3, (n,))
    sw = torch.ones(n) if unit_sample_weights else torch.rand(n) * 2
    model.zero_grad()
    logits = model(x)
    w = sw * class_weights[y]
    loss = (torch.nn.functional.cross_entropy(logits, y, reduction="none") * w).sum() / w.sum()
    if unit_sample_weights:
        reference = torch.nn.CrossEntropyLoss(weight=class_weights)(logits, y)
        assert torch.allclose(loss, reference, rtol=1e-6, atol=0), (loss, reference)
    loss.backward()
    return {
        "inputs": x.reshape(-1).tolist(),
        "labels": y.tolist(),
        "sampleWeights": sw.tolist(),
        "loss": float(loss),
        "gradient": flat(p.grad for p in model.parameters()),
    }


parameters = flat(model.parameters())
weighted = {
    "parameters": parameters,
    "classWeights": class_weights.tolist(),
    "batches": [batch(8, True), batch(8, False), batch(80, False)],
}
with open("weighted_ce.json", "w") as f:
    json.dump(weighted, f)

losses = [1.0, 0.9, 0.95, 0.9, 0.91, 0.92, 0.899999, 0.85, 0.86, 0.86, 0.86, 0.86, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]
settings = [
    {"initial": 0.1, "factor": 0.5, "patience": 2, "threshold": 1e-4, "cooldown": 0, "minimum": 0.0},
    {"initial": 0.1, "factor": 0.1, "patience": 1, "threshold": 0.05, "cooldown": 2, "minimum": 0.002},
]
cases = []
for s in settings:
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=s["initial"])
    scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(
        optimizer, mode="min", factor=s["factor"], patience=s["patience"], threshold=s["threshold"],
        threshold_mode="rel", cooldown=s["cooldown"], min_lr=s["minimum"])
    rates = []
    for loss in losses:
        scheduler.step(loss)
        rates.append(optimizer.param_groups[0]["lr"])
    cases.append(dict(s, rates=rates))
with open("plateau.json", "w") as f:
    json.dump({"losses": losses, "cases": cases}, f)
