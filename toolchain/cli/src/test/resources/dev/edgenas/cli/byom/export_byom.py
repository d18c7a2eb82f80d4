#!/usr/bin/python3
"""Exports the 'bring your own model' fixtures exactly as a PyTorch user would: torch.onnx.export with
its defaults (fixed batch of 1, BatchNorm folded, Constant nodes, Shape->Gather->...->Resize chains).

Run with Debian's interpreter (python3-torch 1.13, python3-torchvision 0.14); nothing is downloaded:
    /usr/bin/python3 export_byom.py OUT_DIR [SIZE]
Writes, for a SIZE x SIZE input (default 64):
  mnv2_deeplabv3plus_op13.onnx, mnv2_deeplabv3plus_op17.onnx  DeepLabV3+ on torchvision's MobileNetV2
                                                              (width 0.35, output stride 16), 7 classes
  tv_deeplabv3_mnv3_large_op13.onnx                           torchvision deeplabv3_mobilenet_v3_large,
                                                              7 classes, random weights
"""
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision


def conv_bn_relu(cin, cout, k=1, dilation=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, padding=dilation * (k - 1) // 2, dilation=dilation, bias=False),
                         nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class DeepLabV3PlusMobileNetV2(nn.Module):
    """DeepLabV3+ the way it is usually written: MobileNetV2 features, ASPP with image pooling, a
    decoder that concatenates the stride-4 features."""

    def __init__(self, classes=7, width=0.35, aspp=32, rates=(6, 12, 18)):
        super().__init__()
        features = torchvision.models.mobilenet_v2(weights=None, width_mult=width).features
        self.low = features[:4]     # stride 4
        self.high = features[4:14]  # stride 16 (the 96-channel stage, before the stride-32 stage)
        low_ch = self.low[-1].out_channels
        high_ch = self.high[-1].out_channels
        self.branches = nn.ModuleList([conv_bn_relu(high_ch, aspp)] +
                                      [conv_bn_relu(high_ch, aspp, 3, r) for r in rates])
        self.pool = nn.Sequential(nn.AdaptiveAvgPool2d(1), conv_bn_relu(high_ch, aspp))
        self.project = nn.Sequential(conv_bn_relu(aspp * (len(rates) + 2), aspp), nn.Dropout(0.1))
        self.reduce = conv_bn_relu(low_ch, 16)
        self.decoder = nn.Sequential(conv_bn_relu(aspp + 16, aspp, 3), conv_bn_relu(aspp, aspp, 3))
        self.classifier = nn.Conv2d(aspp, classes, 1)

    def forward(self, x):
        low = self.low(x)
        high = self.high(low)
        outs = [b(high) for b in self.branches]
        outs.append(F.interpolate(self.pool(high), size=high.shape[2:], mode="bilinear", align_corners=False))
        a = self.project(torch.cat(outs, dim=1))
        a = F.interpolate(a, size=low.shape[2:], mode="bilinear", align_corners=False)
        y = self.classifier(self.decoder(torch.cat([a, self.reduce(low)], dim=1)))
        return F.interpolate(y, size=x.shape[2:], mode="bilinear", align_corners=False)


class OutOnly(nn.Module):
    """torchvision's segmentation models return a dict; the export takes its 'out' logits."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x):
        return self.model(x)["out"]


def randomise_bn(model):
    # non-trivial BatchNorm statistics, as after training (folded into the convs by the export)
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.1, 0.1)
                m.running_var.uniform_(0.8, 1.2)


def main(out, size):
    torch.manual_seed(18)
    x = torch.randn(1, 3, size, size)
    v2 = DeepLabV3PlusMobileNetV2()
    randomise_bn(v2)
    v2.eval()
    for opset in (13, 17):
        torch.onnx.export(v2, x, f"{out}/mnv2_deeplabv3plus_op{opset}.onnx", opset_version=opset)
    v3 = torchvision.models.segmentation.deeplabv3_mobilenet_v3_large(num_classes=7, weights=None,
                                                                       weights_backbone=None)
    randomise_bn(v3)
    v3 = OutOnly(v3).eval()
    torch.onnx.export(v3, x, f"{out}/tv_deeplabv3_mnv3_large_op13.onnx", opset_version=13)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".", int(sys.argv[2]) if len(sys.argv) > 2 else 64)
