#!/usr/bin/python3
"""Exports torchvision's deeplabv3_mobilenet_v3_large(num_classes=7) (random weights, BatchNorm statistics
randomised so that folding changes the convs) as a user would, at opset 13 (HardSwish as HardSigmoid+Mul)
and opset 17 (the HardSwish op). Run with Debian's python3-torch/python3-torchvision; nothing is downloaded:
    /usr/bin/python3 make_torch_mnv3.py OUT_DIR SIZE
"""
import sys

import torch
import torch.nn as nn
import torchvision


class OutOnly(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x)["out"]


def main(out, size):
    torch.manual_seed(3)
    m = torchvision.models.segmentation.deeplabv3_mobilenet_v3_large(num_classes=7, weights=None,
                                                                      weights_backbone=None)
    with torch.no_grad():
        for mod in m.modules():
            if isinstance(mod, nn.BatchNorm2d):
                mod.running_mean.uniform_(-0.1, 0.1)
                mod.running_var.uniform_(0.8, 1.2)
                mod.weight.uniform_(0.5, 1.5)
    m = OutOnly(m).eval()
    x = torch.randn(1, 3, size, size)
    for opset in (13, 17):
        torch.onnx.export(m, x, f"{out}/tv_mnv3_op{opset}.onnx", opset_version=opset)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
