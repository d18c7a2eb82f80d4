"""PyTorch eager baseline for scripts/bench-eval.sh (Debian's python3-torch, run with /usr/bin/python3).

  bench_eval_torch.py MODEL.onnx BATCH THREADS SECONDS CHECK_IN CHECK_OUT

Builds the edgenas DeepLabV3+ described by MODEL's architecture metadata as an ordinary torch.nn.Module
(deeplab_torch.py: Conv2d + BatchNorm2d + activation per layer, eval mode, the way a PyTorch user runs it)
with MODEL's weights, and times forward passes of BATCH images for about SECONDS seconds
under torch.inference_mode with THREADS intra-op threads. Prints one JSON line with images/s and the network's
convolution multiply-accumulates per image (counted by forward hooks on its Conv2d layers). It also runs
the float32 batch in CHECK_IN and writes the logits to CHECK_OUT, so the caller can check that both
frameworks ran the same network.
"""
import json
import sys
import time

import numpy as np
import torch

from deeplab_torch import load  # beside this script


def conv_macs(net, x):
    """Multiply-accumulates of every Conv2d for one image of x's shape (the convolutions are ~90 % of the time)."""
    macs = []

    def hook(mod, inp, out):
        macs.append(out[0].numel() * (mod.in_channels // mod.groups) * mod.kernel_size[0] * mod.kernel_size[1])
    hooks = [mod.register_forward_hook(hook) for mod in net.modules() if isinstance(mod, torch.nn.Conv2d)]
    net(x[:1])
    for h in hooks:
        h.remove()
    return sum(macs)


def main(model_path, batch, threads, seconds, check_in, check_out):
    torch.set_num_threads(threads)
    net, m = load(model_path)
    shape = [d.dim_value for d in m.graph.input[0].type.tensor_type.shape.dim][1:]
    with torch.inference_mode():
        xc = torch.from_numpy(np.fromfile(check_in, dtype="<f4").reshape(-1, *shape))
        net(xc).contiguous().numpy().astype("<f4").tofile(check_out)
        macs = conv_macs(net, xc)
        x = torch.randn(batch, *shape)
        for _ in range(3):
            net(x)
        n, t0 = 0, time.perf_counter()
        while time.perf_counter() - t0 < seconds:
            net(x)
            n += 1
        dt = time.perf_counter() - t0
    print(json.dumps({"framework": "pytorch-eager", "version": torch.__version__, "batch": batch, "threads": threads,
                      "batches": n, "seconds": round(dt, 3), "imagesPerSecond": n * batch / dt,
                      "convMacsPerImage": macs}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5], sys.argv[6])
