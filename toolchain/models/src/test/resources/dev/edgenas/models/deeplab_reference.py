"""Independent PyTorch reference for edgenas DeepLabV3+ models (test helper).

  torchvision WIDTH...           for each width, print "width W" and then the conv weight shapes of
                                 torchvision's MobileNetV2 features (without the final 1x1 conv),
                                 one per line, e.g. 16x3x3x3
  forward (MODEL IN OUT N H W)...  run the model described by MODEL's architecture metadata with
                                 MODEL's weights (looked up by the documented names) on the float32
                                 file IN; write the float32 logits to OUT (raw little-endian)
"""
import json
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper


def torchvision_shapes(width):
    import torchvision
    print("width " + width)
    features = torchvision.models.mobilenet_v2(width_mult=float(width)).features[:-1]
    for m in features.modules():
        if isinstance(m, torch.nn.Conv2d):
            print("x".join(str(d) for d in m.weight.shape))


def forward(model_path, input_path, output_path, n, h, w):
    model = onnx.load(model_path)
    W = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in model.graph.initializer}
    cfg = json.loads({p.key: p.value for p in model.metadata_props}["edgenas.architecture"])
    x = torch.from_numpy(np.fromfile(input_path, dtype="<f4").reshape(n, 3, h, w))

    def layer(x, p, stride=1, dilation=1, groups=1, act="relu"):
        k = W[p + ".conv.weight"].shape[-1]
        x = F.conv2d(x, W[p + ".conv.weight"], None, stride, dilation * (k - 1) // 2, dilation, groups)
        x = F.batch_norm(x, W[p + ".bn.mean"], W[p + ".bn.var"], W[p + ".bn.scale"], W[p + ".bn.bias"],
                         False, 0.0, 1e-5)
        return {"relu6": F.relu6, "relu": F.relu, "none": lambda t: t}[act](x)

    # Backbone: the DeepLab output-stride rule, written from the paper's description.
    bb = cfg["backbone"]
    x = layer(x, "backbone.stem", stride=2, act="relu6")
    current, dilation, low = 2, 1, None
    for si, st in enumerate(bb["stages"], start=1):
        previous = dilation
        if current == bb["outputStride"]:
            stride, dilation = 1, dilation * st["stride"]
        else:
            stride, current = st["stride"], current * st["stride"]
        for bi in range(1, st["repeats"] + 1):
            p = "backbone.s%d.b%d" % (si, bi)
            y = x
            if st["expansion"] != 1:
                y = layer(y, p + ".expand", act="relu6")
            c = y.shape[1]
            s = stride if bi == 1 else 1
            y = layer(y, p + ".dw", s, previous if bi == 1 else dilation, c, "relu6")
            y = layer(y, p + ".project", act="none")
            x = x + y if s == 1 and x.shape[1] == y.shape[1] else y
        if current == 4:
            low = x

    a = cfg["aspp"]
    fh, fw = x.shape[2], x.shape[3]
    branches = []
    if a["conv1x1"]:
        branches.append(layer(x, "aspp.conv1x1"))
    for i, (rate, on) in enumerate(zip(a["rates"], a["atrous"]), start=1):
        if on:
            branches.append(layer(x, "aspp.atrous%d" % i, dilation=rate))
    if a["imagePooling"]:
        pooled = layer(x.mean(dim=(2, 3), keepdim=True), "aspp.pool")
        branches.append(F.interpolate(pooled, size=(fh, fw), mode="bilinear", align_corners=False))
    y = torch.cat(branches, 1)
    if a["projection"]:
        y = layer(y, "aspp.project")

    d = cfg["decoder"]
    y = F.interpolate(y, size=low.shape[2:], mode="bilinear", align_corners=False)
    y = torch.cat([y, layer(low, "decoder.low")], 1)
    for i in range(1, d["convs"] + 1):
        y = layer(y, "decoder.conv%d" % i)
    y = F.conv2d(y, W["decoder.classifier.weight"], W["decoder.classifier.bias"])
    y = F.interpolate(y, size=(h, w), mode="bilinear", align_corners=False)
    y.contiguous().numpy().astype("<f4").tofile(output_path)


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
