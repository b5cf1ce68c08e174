#!/usr/bin/python3
"""The PyTorch half of docs/interop.md's examples; PyTorchExampleTests runs it with Debian's python3-torch (1.13)
in a folder where the C# half reads and writes the same files, so both directions really run.

    python3 pytorch_examples.py export   PyTorch -> StaticNet: writes iris.weights.json, iris.onnx, and
                                         pytorch-outputs.json (the exported model's outputs for fixed inputs)
    python3 pytorch_examples.py import   StaticNet -> PyTorch: loads the iris.weights.json that WeightsJson.Save
                                         wrote into the same Sequential with strict=True, writes pytorch-outputs.json

The regions between "# <docs:NAME>" and "# </docs:NAME>" are the blocks of docs/interop.md (DocumentationExampleTests
keeps them equal).
"""
import json
import sys

import torch

# The inputs both sides compute outputs for (4 features, as IrisNet takes).
INPUTS = [[0.5, -1.0, 2.0, 0.25], [-0.75, 0.0, 1.5, -2.0], [1.0, 1.0, -1.0, 0.5]]


def probabilities(model):
    """The outputs of the StaticNet network: softmax over the Sequential's logits, in eval mode (Dropout off)."""
    model.eval()
    with torch.no_grad():
        return torch.softmax(model(torch.tensor(INPUTS)), dim=-1).tolist()


def export():
    # <docs:pytorch-to-staticnet>
    import json, torch
    model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Dropout(0.2), torch.nn.Linear(8, 3))
    # … train on the logits, e.g. with torch.nn.CrossEntropyLoss …
    json.dump({k: v.tolist() for k, v in model.state_dict().items()}, open("iris.weights.json", "w"))
    # IrisNet ends in Softmax, so the exported graph must end in one too
    torch.onnx.export(torch.nn.Sequential(*model, torch.nn.Softmax(dim=-1)).eval(), torch.zeros(1, 4), "iris.onnx",
                      input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=13)
    # </docs:pytorch-to-staticnet>
    return model


def load():
    # <docs:staticnet-to-pytorch>
    model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Dropout(0.2), torch.nn.Linear(8, 3))
    model.load_state_dict({k: torch.tensor(v) for k, v in json.load(open("iris.weights.json")).items()}, strict=True)
    # </docs:staticnet-to-pytorch>
    return model


if __name__ == "__main__":
    torch.set_num_threads(1)
    torch.manual_seed(0)
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode not in ("export", "import"):
        sys.exit("usage: pytorch_examples.py export|import")
    trained = export() if mode == "export" else load()
    with open("pytorch-outputs.json", "w") as file:
        json.dump({"inputs": INPUTS, "outputs": probabilities(trained)}, file)
