#!/usr/bin/python3
"""Trains the LeNet-5-style CNN that README command 1 compiles, and exports it.

  /usr/bin/python3 examples/lenet/train.py [--epochs N] [--prune-epochs N] [--out DIR]

Data: Debian's dataset-fashion-mnist (/usr/share/datasets/fashion-mnist, IDX
files read with numpy + gzip). Framework: Debian's python3-torch (1.13).
Deterministic: fixed seeds, a fixed number of threads, no data augmentation.

Model (input: float32 [100, 1, 28, 28], pixels / 255 in [0, 1]):
  conv1: Conv 1->8 5x5 pad 2, ReLU, MaxPool 2x2   -> [100, 8, 14, 14]
  conv2: Conv 8->16 5x5,      ReLU, MaxPool 2x2   -> [100, 16, 5, 5]
  Flatten, fc1: Gemm 400->128, ReLU, fc2: Gemm 128->64, ReLU,
  fc3: Gemm 64->10 (logits)

Two stages:
  1. dense training (--epochs, Adam, cosine learning rate);
  2. prune-and-retrain, the first step of Deep Compression: each layer's
     smallest weights are zeroed, up to SPARSITY (conv1 50%, conv2 75%,
     fc1 93%, fc2 90%, fc3 70%: 91% of all weights) over four epochs, and
     training continues with them held at zero (--prune-epochs).
     SparQ compresses at compile time and does not retrain; this model shows
     what SparQ's pruning and Deep Compression configurations give on a
     model trained for that sparsity.

Writes to --out (default: this directory):
  lenet.onnx            the dense model, ONNX opset 13, static batch 100
  lenet_pruned.onnx     the pruned-and-retrained model (91% zeros)
  pytorch_logits.npy    float32 [10000, 10]: the dense model's logits
  pytorch_top1.npy, pytorch_pruned_top1.npy
                        uint8 [10000]: each model's top-1 prediction (argmax)
  weights.npz, weights_pruned.npz
                        the parameters (conv1.weight [8,1,5,5], ...,
                        fc3.bias [10]) for the independent numpy reference
and prints the test accuracies. Each stage reseeds, so --prune-only (stage 2
from OUT/weights.npz) gives the same pruned model as a full run. The batch size is static because SparQ compiles
static shapes; 100 divides both the 10,000 test images and the 60,000 training
images, and every compiled configuration runs the test set as 100 batches.
"""
import argparse
import gzip
import os
import random
import time

import numpy as np
import torch
import torch.nn as nn

DATA = "/usr/share/datasets/fashion-mnist"
BATCH = 100  # the exported (static) batch size
LAYERS = ["conv1", "conv2", "fc1", "fc2", "fc3"]
# Per-layer sparsity of the pruned model, Deep Compression's LeNet-5 pattern:
# the first conv and the last layer are pruned least. 91% of all weights.
SPARSITY = {"conv1": 0.5, "conv2": 0.75, "fc1": 0.93, "fc2": 0.9, "fc3": 0.7}


def read_idx(path):
    """Reads an IDX file (optionally gzip-compressed) into a numpy array."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype_code, ndim = data[0] * 256 + data[1], data[2], data[3]
    if zero != 0 or dtype_code != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(split):
    """Images as float32 [N, 1, 28, 28] in [0, 1] and labels as int64 [N]."""
    images = read_idx(os.path.join(DATA, f"{split}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(DATA, f"{split}-labels-idx1-ubyte.gz"))
    x = (images.astype(np.float32) / np.float32(255.0))[:, None, :, :]
    return x, labels.astype(np.int64)


class LeNet(nn.Module):
    """LeNet-5 with 8 first-layer filters and 128 / 64 hidden units (instead of
    6, 120, 84), so that the reductions of conv2 (8 x 5 x 5) and of the fully
    connected layers (400, 128, 64) split into groups of 8 and 2:4 groups."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 8, 5, padding=2)
        self.conv2 = nn.Conv2d(8, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 128)
        self.fc2 = nn.Linear(128, 64)
        self.fc3 = nn.Linear(64, 10)
        self.pool = nn.MaxPool2d(2)
        self.relu = nn.ReLU()

    def forward(self, x):
        x = self.pool(self.relu(self.conv1(x)))
        x = self.pool(self.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = self.relu(self.fc1(x))
        x = self.relu(self.fc2(x))
        return self.fc3(x)


def evaluate(model, x, y):
    model.eval()
    logits = []
    with torch.no_grad():
        for i in range(0, len(x), BATCH):
            logits.append(model(torch.from_numpy(x[i:i + BATCH])).numpy())
    logits = np.concatenate(logits).astype(np.float32)
    return logits, float((logits.argmax(1) == y).mean())


def seed_everything(seed):
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def train_epochs(model, data, epochs, lr, seed, masks=None, sparsity_at=None):
    """Adam with a cosine schedule, batches of 64 in a seeded order. With
    `masks`, before every epoch each layer is re-pruned to the sparsities
    `sparsity_at(epoch)` ({layer: fraction}; magnitude, see prune_masks) and
    the pruned weights stay exactly zero (masked after every step)."""
    x_train, y_train, x_test, y_test = data
    seed_everything(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=epochs)
    loss_fn = nn.CrossEntropyLoss()
    gen = np.random.default_rng(seed)
    start = time.time()
    for epoch in range(epochs):
        if masks is not None:
            masks = prune_masks(model, sparsity_at(epoch))
            apply_masks(model, masks)
        model.train()
        order = gen.permutation(len(x_train))
        total = 0.0
        for i in range(0, len(order), 64):
            idx = order[i:i + 64]
            xb, yb = torch.from_numpy(x_train[idx]), torch.from_numpy(y_train[idx])
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            if masks is not None:
                apply_masks(model, masks)
            total += loss.item() * len(idx)
        sched.step()
        _, acc = evaluate(model, x_test, y_test)
        extra = ""
        if masks is not None:
            extra = ", sparsity " + " ".join(f"{k} {v:.2f}" for k, v in sparsity_at(epoch).items())
        print(f"epoch {epoch + 1}/{epochs}{extra}: train loss {total / len(order):.4f}, "
              f"test accuracy {acc:.4f} ({time.time() - start:.0f} s)", flush=True)


def prune_masks(model, sparsity):
    """Per layer, keeps all but the round_half_even(sparsity[layer] * numel) weights
    of smallest magnitude (ties: the higher index is pruned first), the rule of
    SparQ's --sparq-prune=structure=unstructured, so that running that pass at
    the same sparsity on the exported model finds exactly these zeros."""
    masks = {}
    for name in LAYERS:
        w = getattr(model, name).weight.detach().numpy().reshape(-1)
        count = int(np.rint(sparsity[name] * w.size))
        order = np.lexsort((-np.arange(w.size), np.abs(w)))
        keep = np.ones(w.size, dtype=np.float32)
        keep[order[:count]] = 0.0
        masks[name] = torch.from_numpy(keep.reshape(getattr(model, name).weight.shape))
    return masks


def apply_masks(model, masks):
    with torch.no_grad():
        for name, mask in masks.items():
            getattr(model, name).weight.mul_(mask)


def export(model, x_test, y_test, out, suffix):
    """Writes lenet{suffix}.onnx, pytorch{suffix}_top1.npy, weights{suffix}.npz
    (and pytorch_logits.npy for the dense model); returns the accuracy."""
    logits, acc = evaluate(model, x_test, y_test)
    if not suffix:
        np.save(os.path.join(out, "pytorch_logits.npy"), logits)
    np.save(os.path.join(out, f"pytorch{suffix}_top1.npy"), logits.argmax(1).astype(np.uint8))
    np.savez(os.path.join(out, f"weights{suffix}.npz"),
             **{k: v.numpy() for k, v in model.state_dict().items()})
    model.eval()
    torch.onnx.export(model, torch.from_numpy(x_test[:BATCH]),
                      os.path.join(out, f"lenet{suffix}.onnx"), opset_version=13,
                      input_names=["input"], output_names=["logits"],
                      do_constant_folding=True)
    print(f"lenet{suffix}: PyTorch test accuracy {acc:.4f} "
          f"({int(round(acc * len(y_test)))} / {len(y_test)})", flush=True)
    return acc


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--epochs", type=int, default=12, help="dense training epochs")
    ap.add_argument("--prune-epochs", type=int, default=10,
                    help="prune-and-retrain epochs (sparsity ramps up over the first 4)")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", default=here)
    ap.add_argument("--prune-only", action="store_true",
                    help="skip dense training: start from OUT/weights.npz")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    data = (*load("train"), *load("t10k"))
    x_test, y_test = data[2], data[3]
    os.makedirs(args.out, exist_ok=True)

    seed_everything(args.seed)
    model = LeNet()
    if args.prune_only:
        weights = np.load(os.path.join(args.out, "weights.npz"))
        model.load_state_dict({k: torch.from_numpy(weights[k]) for k in weights.files})
    else:
        train_epochs(model, data, args.epochs, 1e-3, args.seed)
        export(model, x_test, y_test, args.out, "")

    # Deep Compression's first step: prune, retrain with the pruned weights
    # held at zero, repeat with a higher sparsity (1/4, 1/2, 3/4 of the
    # target, then the target SPARSITY for the remaining epochs).
    ramp = lambda e: {k: v * min(1.0, (e + 1) / 4) for k, v in SPARSITY.items()}
    train_epochs(model, data, args.prune_epochs, 5e-4, args.seed + 1,
                 masks={}, sparsity_at=ramp)
    export(model, x_test, y_test, args.out, "_pruned")


if __name__ == "__main__":
    main()
