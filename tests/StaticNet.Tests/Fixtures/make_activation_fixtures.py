#!/usr/bin/python3
"""Makes the activation fixtures SmoothActivationPyTorchTests loads: for each of GELU, SiLU, ELU and Softplus an
8-20-6-2 network (the activation on both hidden layers, identity output) with fixed parameters, its outputs for a
fixed batch, and the gradient of StaticNet's MSE loss (½Σ(ŷ − y)² per sample, averaged over the batch) with respect
to every parameter, plus the network exported to ONNX at opset 13 by torch.onnx (the patterns the importer reads).

Run from this directory with Debian's python3-torch (1.13): /usr/bin/python3 make_activation_fixtures.py
Writes activation_<name>.json (parameters in nn.Linear order W1, b1, W2, b2, W3, b3; inputs; targets; outputs; loss;
gradient, all float32 values written with nine significant digits), activation_<name>.onnx, and
activation_<name>.weights.json (the state dict, compiled into a frozen network by the tests). Every file is the
same on every run (fixed seeds, one thread).
"""
import json

import torch
from torch import nn

SIZES = (8, 20, 6, 2)
BATCH = 8
ACTIVATIONS = {
    "gelu": nn.GELU,
    "silu": nn.SiLU,
    "elu": nn.ELU,
    "softplus": nn.Softplus,
}


def floats(tensor):
    # Nine significant digits identify a float32 exactly.
    return [float(f"{v:.9g}") for v in tensor.detach().reshape(-1).tolist()]


def main():
    torch.set_num_threads(1)
    for name, activation in ACTIVATIONS.items():
        torch.manual_seed(6)
        model = nn.Sequential(nn.Linear(SIZES[0], SIZES[1]), activation(), nn.Linear(SIZES[1], SIZES[2]), activation(),
                              nn.Linear(SIZES[2], SIZES[3]))
        # Inputs wide enough to reach each function's tails (Softplus's threshold, ELU's negative side).
        inputs = torch.randn(BATCH, SIZES[0]) * 3
        targets = torch.randn(BATCH, SIZES[3])
        outputs = model(inputs)
        loss = (0.5 * ((outputs - targets) ** 2).sum(dim=1)).mean()
        model.zero_grad()
        loss.backward()
        parameters = torch.cat([p.detach().reshape(-1) for p in model.parameters()])
        gradient = torch.cat([p.grad.reshape(-1) for p in model.parameters()])
        with open(f"activation_{name}.json", "w", encoding="utf-8") as file:
            json.dump({"sizes": SIZES, "parameters": floats(parameters), "inputs": [floats(r) for r in inputs],
                       "targets": [floats(r) for r in targets], "outputs": [floats(r) for r in outputs],
                       "loss": floats(loss)[0], "gradient": floats(gradient)}, file)
            file.write("\n")
        with open(f"activation_{name}.weights.json", "w", encoding="utf-8") as file:
            json.dump({key: value.tolist() for key, value in model.state_dict().items()}, file)
            file.write("\n")
        torch.onnx.export(model, inputs[:1], f"activation_{name}.onnx", opset_version=13, input_names=["input"],
                          output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})


if __name__ == "__main__":
    main()
