package dev.edgenas.ir;

import ai.onnx.proto.OnnxMl.NodeProto;

/**
 * Spatial geometry of a 2-D Conv or pooling node: kernel, stride, dilation, pads, groups and the
 * output shape they give (ONNX semantics incl. auto_pad and ceil_mode).
 */
public record ConvGeometry(long[] input, long outChannels, int kh, int kw, int sh, int sw, int dh, int dw,
                           int padTop, int padLeft, int padBottom, int padRight, int groups, boolean ceil) {

    public static ConvGeometry of(Graph g, NodeProto n, long[] x, long[] w) {
        if (x.length != 4 || w.length != 4) {
            throw g.error(n, "only 2-D convolutions on NCHW tensors are supported (input rank " + x.length + ")");
        }
        int groups = (int) Attrs.getInt(n, "group", 1);
        if (x[1] != w[1] * groups) {
            throw g.error(n, "input has " + x[1] + " channels but weight expects " + w[1] + " x group " + groups);
        }
        return build(g, n, x, w[0], (int) w[2], (int) w[3], groups);
    }

    public static ConvGeometry ofPool(Graph g, NodeProto n, long[] x) {
        long[] k = Attrs.getInts(n, "kernel_shape");
        if (x.length != 4 || k == null || k.length != 2) {
            throw g.error(n, "only 2-D pooling on NCHW tensors with a kernel_shape is supported");
        }
        return build(g, n, x, x[1], (int) k[0], (int) k[1], 1);
    }

    private static ConvGeometry build(Graph g, NodeProto n, long[] x, long outC, int kh, int kw, int groups) {
        long[] s = orDefault(Attrs.getInts(n, "strides"), 1);
        long[] d = orDefault(Attrs.getInts(n, "dilations"), 1);
        long[] p = Attrs.getInts(n, "pads");
        if (p == null) {
            p = new long[4];
        }
        String autoPad = Attrs.getString(n, "auto_pad", "NOTSET");
        boolean ceil = Attrs.getInt(n, "ceil_mode", 0) == 1;
        if (autoPad.startsWith("SAME")) {
            for (int i = 0; i < 2; i++) {
                long in = x[2 + i];
                long out = (in + s[i] - 1) / s[i];
                long k = i == 0 ? kh : kw;
                long total = Math.max(0, (out - 1) * s[i] + d[i] * (k - 1) + 1 - in);
                long small = total / 2;
                long big = total - small;
                boolean upper = autoPad.equals("SAME_UPPER");
                p[i] = upper ? small : big;
                p[i + 2] = upper ? big : small;
            }
        } else if (autoPad.equals("VALID")) {
            p = new long[4];
        } else if (!autoPad.equals("NOTSET")) {
            throw g.error(n, "unknown auto_pad " + autoPad);
        }
        return new ConvGeometry(x, outC, kh, kw, (int) s[0], (int) s[1], (int) d[0], (int) d[1],
                (int) p[0], (int) p[1], (int) p[2], (int) p[3], groups, ceil);
    }

    private static long[] orDefault(long[] v, long dflt) {
        return v == null ? new long[] {dflt, dflt} : v;
    }

    public long outHeight() {
        return outDim(input[2], kh, sh, dh, padTop + padBottom);
    }

    public long outWidth() {
        return outDim(input[3], kw, sw, dw, padLeft + padRight);
    }

    private long outDim(long in, int k, int s, int d, int pads) {
        long span = in + pads - (long) d * (k - 1) - 1;
        return (ceil ? Math.floorDiv(span + s - 1, s) : Math.floorDiv(span, s)) + 1;
    }

    public long[] outputShape() {
        return new long[] {input[0], outChannels, outHeight(), outWidth()};
    }

    public boolean isDepthwise() {
        return groups > 1 && groups == input[1] && outChannels == input[1];
    }

    /** Canonical key params: k, s, d, g, p. */
    public java.util.Map<String, String> keyParams(boolean withGroups) {
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        m.put("k", kh + "x" + kw);
        m.put("s", sh + "x" + sw);
        if (withGroups) {
            m.put("d", dh + "x" + dw);
            m.put("g", Integer.toString(groups));
        }
        m.put("p", padTop + "," + padLeft + "," + padBottom + "," + padRight);
        if (ceil) {
            m.put("ceil", "1");
        }
        return m;
    }
}
