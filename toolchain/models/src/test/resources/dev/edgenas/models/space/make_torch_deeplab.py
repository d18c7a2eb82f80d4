#!/usr/bin/python3
"""Builds a small DeepLabV3+ (MobileNetV2-style backbone) in PyTorch and exports it with torch.onnx.export.

The fixtures check that edgenas' search space accepts graphs it did not build itself. Run with Debian's
interpreter (python3-torch 1.13):  /usr/bin/python3 make_torch_deeplab.py OUT_DIR
Writes torch_deeplab_folded.onnx (the usual eval export: BatchNorm folded into the convs) and
torch_deeplab_bn.onnx (training=PRESERVE: BatchNormalization nodes kept, so BN recalibration applies).
"""
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F


def conv_bn(cin, cout, k=1, stride=1, dilation=1, groups=1, act=nn.ReLU6):
    layers = [nn.Conv2d(cin, cout, k, stride, dilation * (k - 1) // 2, dilation, groups, bias=False),
              nn.BatchNorm2d(cout)]
    if act is not None:
        layers.append(act(inplace=True))
    return nn.Sequential(*layers)


class InvertedResidual(nn.Module):
    def __init__(self, cin, cout, stride, t, dilation=1):
        super().__init__()
        hidden = cin * t
        layers = [] if t == 1 else [conv_bn(cin, hidden)]
        layers += [conv_bn(hidden, hidden, 3, stride, dilation, hidden),
                   conv_bn(hidden, cout, act=None)]
        self.conv = nn.Sequential(*layers)
        self.residual = stride == 1 and cin == cout

    def forward(self, x):
        return x + self.conv(x) if self.residual else self.conv(x)


class Backbone(nn.Module):
    # (t, c, n, s): a cut-down MobileNetV2 table, output stride 16
    TABLE = [(1, 8, 1, 1), (4, 12, 2, 2), (4, 16, 3, 2), (4, 24, 2, 2)]

    def __init__(self):
        super().__init__()
        self.stem = conv_bn(3, 16, 3, 2)
        blocks, cin = [], 16
        for t, c, n, s in self.TABLE:
            for i in range(n):
                blocks.append(InvertedResidual(cin, c, s if i == 0 else 1, t))
                cin = c
        self.blocks = nn.ModuleList(blocks)
        self.low_index = 2  # output of the last stride-4 block

    def forward(self, x):
        x = self.stem(x)
        low = None
        for i, b in enumerate(self.blocks):
            x = b(x)
            if i == self.low_index:
                low = x
        return low, x


class ASPP(nn.Module):
    def __init__(self, cin, width, rates):
        super().__init__()
        self.branches = nn.ModuleList([conv_bn(cin, width, act=nn.ReLU)] +
                                      [conv_bn(cin, width, 3, dilation=r, act=nn.ReLU) for r in rates])
        self.pool = nn.Sequential(nn.AdaptiveAvgPool2d(1), conv_bn(cin, width, act=nn.ReLU))
        self.project = conv_bn(width * (len(rates) + 2), width, act=nn.ReLU)
        self.dropout = nn.Dropout(0.1)

    def forward(self, x):
        outs = [b(x) for b in self.branches]
        outs.append(F.interpolate(self.pool(x), size=x.shape[2:], mode="bilinear", align_corners=False))
        return self.dropout(self.project(torch.cat(outs, dim=1)))


class DeepLabV3Plus(nn.Module):
    def __init__(self, classes=5):
        super().__init__()
        self.backbone = Backbone()
        self.aspp = ASPP(24, 16, (1, 2, 3))
        self.low = conv_bn(12, 12, act=nn.ReLU)
        self.decoder = nn.Sequential(conv_bn(28, 16, 3, act=nn.ReLU), nn.Dropout(0.1),
                                     conv_bn(16, 16, 3, act=nn.ReLU))
        self.classifier = nn.Conv2d(16, classes, 1)

    def forward(self, x):
        low, high = self.backbone(x)
        a = F.interpolate(self.aspp(high), size=low.shape[2:], mode="bilinear", align_corners=False)
        y = self.classifier(self.decoder(torch.cat([a, self.low(low)], dim=1)))
        return F.interpolate(y, size=x.shape[2:], mode="bilinear", align_corners=False)


def main(out):
    torch.manual_seed(7)
    model = DeepLabV3Plus()
    with torch.no_grad():  # non-trivial BatchNorm statistics, as after training
        for m in model.modules():
            if isinstance(m, nn.BatchNorm2d):
                m.running_mean.uniform_(-0.2, 0.2)
                m.running_var.uniform_(0.5, 1.5)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    model.eval()
    x = torch.randn(1, 3, 64, 64)
    common = dict(input_names=["input"], output_names=["logits"], opset_version=13,
                  dynamic_axes={"input": {0: "n"}, "logits": {0: "n"}})
    torch.onnx.export(model, x, f"{out}/torch_deeplab_folded.onnx", **common)
    torch.onnx.export(model, x, f"{out}/torch_deeplab_bn.onnx", training=torch.onnx.TrainingMode.PRESERVE,
                      do_constant_folding=False, **common)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
