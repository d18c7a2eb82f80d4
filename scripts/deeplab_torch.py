"""The edgenas DeepLabV3+ as an ordinary PyTorch module, rebuilt from an edgenas ONNX file's weights.

Reads only what edgenas documents: the architecture metadata (edgenas.architecture) and the initializer
names (docs/MODELS.md), so it is an implementation independent of edgenas' Java graph builder. One module
for both its uses (Debian's python3-torch, run with /usr/bin/python3):

  scripts/bench_eval_torch.py imports it: the PyTorch eager baseline of scripts/bench-eval.sh;
  the models module's PyTorchReferenceTest runs it as a script:

  deeplab_torch.py torchvision WIDTH...          for each width, print "width W" and then the conv weight
                                                 shapes of torchvision's MobileNetV2 features (without the
                                                 final 1x1 conv), one per line, e.g. 16x3x3x3
  deeplab_torch.py forward (MODEL IN OUT N H W)...  run MODEL on the float32 file IN (N x 3 x H x W); write
                                                 the float32 logits to OUT (raw little-endian)
"""
import json
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F
from onnx import numpy_helper


class Layer(nn.Module):
    def __init__(self, W, p, stride=1, dilation=1, groups=1, act="relu"):
        super().__init__()
        w = W[p + ".conv.weight"]
        k = w.shape[-1]
        self.conv = nn.Conv2d(w.shape[1] * groups, w.shape[0], k, stride, dilation * (k - 1) // 2, dilation, groups,
                              bias=False)
        self.conv.weight.data.copy_(w)
        self.bn = nn.BatchNorm2d(w.shape[0], eps=1e-5)
        self.bn.weight.data.copy_(W[p + ".bn.scale"])
        self.bn.bias.data.copy_(W[p + ".bn.bias"])
        self.bn.running_mean.copy_(W[p + ".bn.mean"])
        self.bn.running_var.copy_(W[p + ".bn.var"])
        self.act = {"relu6": nn.ReLU6(), "relu": nn.ReLU(), "none": nn.Identity()}[act]

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Block(nn.Module):
    def __init__(self, W, p, expansion, stride, dilation, residual):
        super().__init__()
        c = W[p + ".dw.conv.weight"].shape[0]  # depthwise: one group per channel (cut networks have fewer)
        self.expand = Layer(W, p + ".expand", act="relu6") if expansion != 1 else nn.Identity()
        self.dw = Layer(W, p + ".dw", stride, dilation, c, "relu6")
        self.project = Layer(W, p + ".project", act="none")
        self.residual = residual

    def forward(self, x):
        y = self.project(self.dw(self.expand(x)))
        return x + y if self.residual else y


class DeepLab(nn.Module):
    def __init__(self, W, cfg):
        super().__init__()
        bb = cfg["backbone"]
        self.stem = Layer(W, "backbone.stem", stride=2, act="relu6")
        blocks, current, dilation, self.low_at = [], 2, 1, None
        cin = W["backbone.stem.conv.weight"].shape[0]
        for si, st in enumerate(bb["stages"], start=1):
            previous = dilation
            if current == bb["outputStride"]:
                stride, dilation = 1, dilation * st["stride"]
            else:
                stride, current = st["stride"], current * st["stride"]
            for bi in range(1, st["repeats"] + 1):
                p = "backbone.s%d.b%d" % (si, bi)
                s = stride if bi == 1 else 1
                cout = W[p + ".project.conv.weight"].shape[0]
                blocks.append(Block(W, p, st["expansion"], s, previous if bi == 1 else dilation,
                                    s == 1 and cin == cout))
                cin = cout
            if current == 4:
                self.low_at = len(blocks)
        self.blocks = nn.ModuleList(blocks)
        a = cfg["aspp"]
        self.aspp = nn.ModuleList()
        if a["conv1x1"]:
            self.aspp.append(Layer(W, "aspp.conv1x1"))
        for i, (rate, on) in enumerate(zip(a["rates"], a["atrous"]), start=1):
            if on:
                self.aspp.append(Layer(W, "aspp.atrous%d" % i, dilation=rate))
        self.pool = Layer(W, "aspp.pool") if a["imagePooling"] else None
        self.project = Layer(W, "aspp.project") if a["projection"] else nn.Identity()
        self.low = Layer(W, "decoder.low")
        self.convs = nn.Sequential(*[Layer(W, "decoder.conv%d" % i) for i in range(1, cfg["decoder"]["convs"] + 1)])
        cw = W["decoder.classifier.weight"]
        self.classifier = nn.Conv2d(cw.shape[1], cw.shape[0], 1)
        self.classifier.weight.data.copy_(cw)
        self.classifier.bias.data.copy_(W["decoder.classifier.bias"])

    def forward(self, x):
        h, w = x.shape[2], x.shape[3]
        x = self.stem(x)
        low = None
        for i, b in enumerate(self.blocks, start=1):
            x = b(x)
            if i == self.low_at:
                low = x
        branches = [m(x) for m in self.aspp]
        if self.pool is not None:
            pooled = self.pool(x.mean(dim=(2, 3), keepdim=True))
            branches.append(F.interpolate(pooled, size=x.shape[2:], mode="bilinear", align_corners=False))
        y = self.project(torch.cat(branches, 1))
        y = F.interpolate(y, size=low.shape[2:], mode="bilinear", align_corners=False)
        y = self.convs(torch.cat([y, self.low(low)], 1))
        return F.interpolate(self.classifier(y), size=(h, w), mode="bilinear", align_corners=False)


def load(model_path):
    """The module (eval mode) for an edgenas ONNX file, and the ONNX model itself."""
    m = onnx.load(model_path)
    W = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in m.graph.initializer}
    cfg = json.loads({p.key: p.value for p in m.metadata_props}["edgenas.architecture"])
    return DeepLab(W, cfg).eval(), m


def torchvision_shapes(width):
    import torchvision
    print("width " + width)
    features = torchvision.models.mobilenet_v2(width_mult=float(width)).features[:-1]
    for m in features.modules():
        if isinstance(m, torch.nn.Conv2d):
            print("x".join(str(d) for d in m.weight.shape))


def forward(model_path, input_path, output_path, n, h, w):
    net, _ = load(model_path)
    x = torch.from_numpy(np.fromfile(input_path, dtype="<f4").reshape(n, 3, h, w))
    net(x).contiguous().numpy().astype("<f4").tofile(output_path)


if __name__ == "__main__":
    torch.set_num_threads(1)
    with torch.no_grad():
        if sys.argv[1] == "torchvision":
            for width in sys.argv[2:]:
                torchvision_shapes(width)
        else:
            jobs = sys.argv[2:]
            for i in range(0, len(jobs), 6):
                forward(jobs[i], jobs[i + 1], jobs[i + 2], *map(int, jobs[i + 3:i + 6]))
