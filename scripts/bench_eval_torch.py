"""PyTorch eager baseline for scripts/bench-eval.sh (Debian's python3-torch, run with /usr/bin/python3).

  bench_eval_torch.py MODEL.onnx BATCH THREADS SECONDS CHECK_IN CHECK_OUT

Builds the edgenas DeepLabV3+ described by MODEL's architecture metadata as an ordinary torch.nn.Module
(Conv2d + BatchNorm2d + activation per layer, eval mode, the way a PyTorch user runs it), loads MODEL's
weights by their documented names, and times forward passes of BATCH images for about SECONDS seconds
under torch.inference_mode with THREADS intra-op threads. Prints one JSON line with images/s. It also runs
the float32 batch in CHECK_IN and writes the logits to CHECK_OUT, so the caller can check that both
frameworks ran the same network.
"""
import json
import sys
import time

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
    def __init__(self, W, p, expansion, stride, dilation, residual, cin):
        super().__init__()
        c = cin * expansion
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
                                    s == 1 and cin == cout, cin))
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


def main(model_path, batch, threads, seconds, check_in, check_out):
    torch.set_num_threads(threads)
    m = onnx.load(model_path)
    W = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in m.graph.initializer}
    cfg = json.loads({p.key: p.value for p in m.metadata_props}["edgenas.architecture"])
    net = DeepLab(W, cfg).eval()
    shape = [d.dim_value for d in m.graph.input[0].type.tensor_type.shape.dim][1:]
    with torch.inference_mode():
        xc = torch.from_numpy(np.fromfile(check_in, dtype="<f4").reshape(-1, *shape))
        net(xc).contiguous().numpy().astype("<f4").tofile(check_out)
        x = torch.randn(batch, *shape)
        for _ in range(3):
            net(x)
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            net(x)
            n += 1
        dt = time.perf_counter() - t0
    print(json.dumps({"framework": "pytorch-eager", "version": torch.__version__, "batch": batch, "threads": threads,
                      "batches": n, "seconds": round(dt, 3), "imagesPerSecond": n * batch / dt}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6])
