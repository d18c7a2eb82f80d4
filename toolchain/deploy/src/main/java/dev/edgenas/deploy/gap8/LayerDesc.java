package dev.edgenas.deploy.gap8;

import dev.edgenas.gap8.codegen.Requant;
import dev.edgenas.gap8.memory.TilePlan;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * One layer of the tiled GAP8 project: its en_layer_t initialiser (network.c) and, for convolutions,
 * its weight chunks for weights.bin (a lookup layer's chunk is its 256-byte table): per output-channel block of the L1 tile, the int8 weights (OHWI for
 * dense and pointwise, [c][kh][kw] for depthwise), padded to a word, then int32 bias, int32 requant
 * multipliers and int8 shifts (padded to a word), as en_net.c reads them.
 */
final class LayerDesc {
    /** Where an activation lives: arena offset (L2) or offset in the HyperRAM activation area (L3). */
    record Home(long at, boolean l3) {
    }

    private LayerDesc() {
    }

    /** Appends the layer's chunks to {@code weights} and returns its C initialiser. */
    static String of(IntLayer l, TilePlan t, Map<String, Home> homes, ByteArrayOutputStream weights) {
        StringBuilder sb = new StringBuilder("    { /* ").append(l.name().replace("*/", "* /")).append(": ")
                .append(l.inputs().get(0).shape()).append(" -> ").append(l.output().shape()).append(", tiles ")
                .append(t.rows()).append('x').append(t.cols()).append('x').append(t.channels()).append(" */\n");
        int[] geo = {1, 1, 1, 1, 1, 1, 0, 0, 0, 0};
        String op;
        int[] mult = new int[l.inputs().size()];
        int[] shift = new int[l.inputs().size()];
        long wAt = weights.size();
        QTensor y = l.output();
        if (l instanceof IntLayer.Conv c) {
            op = c.depthwise() ? "EN_OP_DW" : c.pointwise() ? "EN_OP_PW" : "EN_OP_CONV";
            geo = new int[] {c.kh(), c.kw(), c.sh(), c.sw(), c.dh(), c.dw(), c.padT(), c.padL(), c.padB(), c.padR()};
            if (!c.depthwise() && c.groups() != 1) {
                throw new IllegalStateException("grouped convolution " + c.name() + " has no HWC kernel");
            }
            for (int c0 = 0; c0 < y.c(); c0 += t.channels()) {
                writeChunk(c, c0, Math.min(t.channels(), y.c() - c0), weights);
            }
        } else if (l instanceof IntLayer.Pool p) {
            op = p.max() ? "EN_OP_MAXPOOL" : "EN_OP_AVGPOOL";
            geo = new int[] {p.kh(), p.kw(), p.sh(), p.sw(), 1, 1, p.padT(), p.padL(), p.padB(), p.padR()};
            set(mult, shift, 0, ratio(p.x().scale(), y.scale()));
        } else if (l instanceof IntLayer.GlobalAvgPool g) {
            op = "EN_OP_GAP";
            set(mult, shift, 0, Requant.of(g.x().scale() / (y.scale() * (double) g.x().h() * g.x().w())));
        } else if (l instanceof IntLayer.Resize r) {
            op = "EN_OP_RESIZE";
            set(mult, shift, 0, ratio(r.x().scale(), y.scale()));
        } else if (l instanceof IntLayer.Add a) {
            op = "EN_OP_ADD";
            double ra = a.a().scale() / y.scale();
            double rb = a.b().scale() / y.scale();
            int s = Requant.of(Math.max(ra, rb)).shift();
            mult[0] = (int) Math.min(Integer.MAX_VALUE, Math.round(ra * Math.pow(2, 31 + s)));
            mult[1] = (int) Math.min(Integer.MAX_VALUE, Math.round(rb * Math.pow(2, 31 + s)));
            shift[0] = s;
            shift[1] = s;
        } else if (l instanceof IntLayer.Lut u) {
            op = "EN_OP_LUT";
            weights.writeBytes(u.table()); // 256 bytes: one chunk, word-aligned
        } else if (l instanceof IntLayer.Mul mu) {
            op = "EN_OP_MUL";
            set(mult, shift, 0, Requant.of((double) mu.a().scale() * mu.b().scale() / y.scale()));
        } else if (l instanceof IntLayer.Concat c) {
            op = "EN_OP_CONCAT";
            for (int i = 0; i < c.inputs().size(); i++) {
                set(mult, shift, i, ratio(c.inputs().get(i).scale(), y.scale()));
            }
        } else {
            throw new IllegalStateException("unknown layer " + l);
        }
        List<QTensor> ins = l.inputs();
        if (ins.size() > 8) {
            throw new IllegalStateException(l.name() + " has " + ins.size() + " inputs, en_net.c takes 8");
        }
        sb.append("      .op = ").append(op).append(", .n_in = ").append(ins.size()).append(",\n      .in = {");
        int[] zp = new int[ins.size()];
        for (int i = 0; i < ins.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(tensor(ins.get(i), homes));
            zp[i] = ins.get(i).zeroPoint();
        }
        sb.append("},\n      .out = ").append(tensor(y, homes)).append(",\n");
        sb.append(String.format("      .kh = %d, .kw = %d, .sh = %d, .sw = %d, .dh = %d, .dw = %d, .pad_t = %d, .pad_l = %d,"
                + " .pad_b = %d, .pad_r = %d,%n", geo[0], geo[1], geo[2], geo[3], geo[4], geo[5], geo[6], geo[7], geo[8],
                geo[9]));
        sb.append(String.format("      .rows = %d, .cols = %d, .ch = %d, .w_at = %du,%n", t.rows(), t.cols(), t.channels(),
                wAt));
        sb.append("      .x_zp = ").append(list(zp)).append(", .mult = ").append(list(mult)).append(", .shift = ")
                .append(list(shift)).append(",\n");
        sb.append(String.format("      .y_zp = %d, .act_min = -128, .act_max = 127 },%n", y.zeroPoint()));
        return sb.toString();
    }

    private static void writeChunk(IntLayer.Conv c, int c0, int n, ByteArrayOutputStream out) {
        int ic = c.depthwise() ? 1 : c.x().c();
        int k = c.kh() * c.kw();
        int per = k * ic;
        ByteBuffer b = ByteBuffer.allocate(round4(n * per) + 8 * n + round4(n)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] w = c.weights();
        for (int o = c0; o < c0 + n; o++) {
            for (int ky = 0; ky < c.kh(); ky++) {
                for (int kx = 0; kx < c.kw(); kx++) {
                    for (int i = 0; i < ic; i++) {
                        // ONNX OIHW -> OHWI (depthwise: ic == 1, the same order)
                        b.put(w[((o * ic + i) * c.kh() + ky) * c.kw() + kx]);
                    }
                }
            }
        }
        b.position(round4(n * per));
        for (int o = c0; o < c0 + n; o++) {
            b.putInt(c.bias() == null ? 0 : c.bias()[o]);
        }
        byte[] shifts = new byte[n];
        for (int o = c0; o < c0 + n; o++) {
            Requant rq = Requant.of(c.x().scale() * c.weightScales()[o] / c.output().scale());
            b.putInt(rq.mult());
            shifts[o - c0] = (byte) rq.shift();
        }
        b.put(shifts);
        out.writeBytes(b.array());
    }

    private static String tensor(QTensor t, Map<String, Home> homes) {
        Home h = homes.get(t.name());
        if (h == null) {
            throw new IllegalStateException("tensor " + t.name() + " has no place in the memory plan");
        }
        return String.format("{ .at = %du, .l3 = %d, .h = %d, .w = %d, .c = %d }", h.at(), h.l3() ? 1 : 0, t.h(), t.w(),
                t.c());
    }

    private static void set(int[] mult, int[] shift, int i, Requant r) {
        mult[i] = r.mult();
        shift[i] = r.shift();
    }

    private static Requant ratio(float xs, float ys) {
        return xs == ys ? Requant.IDENTITY : Requant.of(xs / ys);
    }

    private static String list(int[] v) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(v[i] == Integer.MIN_VALUE ? "(-2147483647 - 1)" : Integer.toString(v[i]));
        }
        return sb.append('}').toString();
    }

    static int round4(int n) {
        return (n + 3) & ~3;
    }
}
