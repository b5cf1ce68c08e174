#!/usr/bin/python3
"""Makes the PyTorch fixtures the interop tests load: state dicts as safetensors and JSON, ONNX exports, and the
outputs PyTorch computes for fixed inputs.

Run from this directory with Debian's python3-torch (1.13): /usr/bin/python3 make_fixtures.py
Every file is the same on every run for a given torch version (fixed seeds, one thread); the tests compare
StaticNet's Forward with the outputs recorded here to 1e-5.
"""
import json
import struct

import torch
from torch import nn


class Dropouts(nn.Module):
    """nn.Sequential with Dropout after each hidden activation: Linear modules are 0, 3, 6."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.25),
            nn.Linear(8, 6), nn.Tanh(), nn.Dropout(0.25),
            nn.Linear(6, 3), nn.Softmax(dim=-1))

    def forward(self, x):
        return self.layers(x)

    def state_dict_to_save(self):
        return self.layers.state_dict()


class Named(nn.Module):
    """Ten named layers fc1 … fc10: an ordinal sort would put fc10 second."""

    SIZES = [3, 5, 4, 5, 4, 5, 4, 5, 4, 5, 2]

    def __init__(self):
        super().__init__()
        for i in range(1, len(self.SIZES)):
            setattr(self, f"fc{i}", nn.Linear(self.SIZES[i - 1], self.SIZES[i]))

    def forward(self, x):
        for i in range(1, len(self.SIZES)):
            x = getattr(self, f"fc{i}")(x)
            x = torch.tanh(x) if i < len(self.SIZES) - 1 else torch.sigmoid(x)
        return x

    def state_dict_to_save(self):
        return self.state_dict()


class Wrapped(nn.Module):
    """A network inside another module, saved from the outer one: keys net.0, net.2, plus a buffer."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(5, 7), nn.LeakyReLU(0.1), nn.Linear(7, 2))
        self.register_buffer("input_mean", torch.linspace(-1, 1, 5))

    def forward(self, x):
        return self.net(x)

    def state_dict_to_save(self):
        return self.state_dict()


class Frozen(nn.Module):
    """Compiled into a frozen network (Weights = "Fixtures/frozen.weights.json"): layers large enough for the SIMD
    kernels (16·24 and 24·8 weights), then a small unrolled one, with the activations the other fixtures lack."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(16, 24), nn.Sigmoid(),
            nn.Linear(24, 8), nn.LeakyReLU(0.01),
            nn.Linear(8, 3))

    def forward(self, x):
        return self.layers(x)

    def state_dict_to_save(self):
        return self.layers.state_dict()


class FrozenWide(nn.Module):
    """Compiled into a frozen network (Weights = "Fixtures/frozenwide.weights.json") whose layers are wide enough for
    Predict to compute them by columns: 64 ReLU units, then a softmax over 20 (a partial last vector)."""

    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(32, 64), nn.ReLU(), nn.Linear(64, 20), nn.Softmax(dim=-1))

    def forward(self, x):
        return self.layers(x)

    def state_dict_to_save(self):
        return self.layers.state_dict()


def write_frozen_fixture(name, cls, seed):
    """Only the JSON weights and PyTorch's outputs: the frozen-network tests compile the one and compare with the other."""
    torch.manual_seed(seed)
    model = cls().eval()
    with open(f"{name}.weights.json", "w") as f:
        json.dump({k: v.tolist() for k, v in model.state_dict_to_save().items()}, f)
    inputs = torch.randn(6, next(model.parameters()).shape[1])
    with torch.no_grad():
        outputs = model(inputs)
    with open(f"{name}.expected.json", "w") as f:
        json.dump({"inputs": inputs.tolist(), "outputs": outputs.tolist()}, f)


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, tensor in tensors.items():
        data = tensor.detach().to(torch.float32).contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensor.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)


def main():
    # One thread: multithreaded kernels may sum in a different order from run to run and change the last bit.
    torch.set_num_threads(1)
    for name, cls, seed in [("dropouts", Dropouts, 1), ("named", Named, 2), ("wrapped", Wrapped, 3)]:
        torch.manual_seed(seed)
        model = cls().eval()
        state = model.state_dict_to_save()
        write_safetensors(f"{name}.safetensors", state)
        with open(f"{name}.weights.json", "w") as f:
            json.dump({k: v.tolist() for k, v in state.items()}, f)

        inputs = torch.randn(6, next(model.parameters()).shape[1])
        with torch.no_grad():
            outputs = model(inputs)
        with open(f"{name}.expected.json", "w") as f:
            json.dump({"inputs": inputs.tolist(), "outputs": outputs.tolist()}, f)

        torch.onnx.export(
            model, inputs[:1], f"{name}.onnx",
            input_names=["input"], output_names=["output"],
            dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
            opset_version=13)

    write_frozen_fixture("frozen", Frozen, 4)
    write_frozen_fixture("frozenwide", FrozenWide, 5)


if __name__ == "__main__":
    main()
