package dev.edgenas.deploy.gap8;

import dev.edgenas.gap8.codegen.Requant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * C for one layer: its constant arrays (for weights.c) and a function that fills the en_* argument
 * struct with arena offsets, stages the layer's buffers in L1 by DMA when the memory plan says the
 * whole layer fits, forks the kernel over the cluster cores and moves the output back to L2.
 */
final class LayerCode {
    /** A pointer field of the argument struct that may be staged in L1. */
    private record Buf(String field, String size, boolean output) {
    }

    final String constants;
    final String declarations;
    final String function;

    private LayerCode(String constants, String declarations, String function) {
        this.constants = constants;
        this.declarations = declarations;
        this.function = function;
    }

    static LayerCode of(int index, IntLayer l, Map<String, Long> offsets, MemoryPlan.LayerPlan plan) {
        String p = "en_l" + index;
        CArrays c = new CArrays();
        StringBuilder init = new StringBuilder();
        List<Buf> bufs = new ArrayList<>();
        String type;
        String prelude = "";
        QTensor y = l.output();
        if (l instanceof IntLayer.Conv v) {
            type = "en_conv2d_args_t";
            int oc = y.c();
            int[] mult = new int[oc];
            byte[] shift = new byte[oc];
            for (int o = 0; o < oc; o++) {
                Requant rq = Requant.of(v.x().scale() * v.weightScales()[o] / y.scale());
                mult[o] = rq.mult();
                shift[o] = (byte) rq.shift();
            }
            c.int8(p + "_w", v.weights());
            c.int32(p + "_mult", mult);
            c.int8(p + "_shift", shift);
            if (v.bias() != null) {
                c.int32(p + "_bias", v.bias());
            }
            init.append(field("x", at(offsets, v.x()))).append(field("w", p + "_w"))
                    .append(field("bias", v.bias() == null ? "NULL" : p + "_bias")).append(field("y", at(offsets, y)))
                    .append(field("mult", p + "_mult")).append(field("shift", p + "_shift"))
                    .append(ints("in_c", v.x().c(), "in_h", v.x().h(), "in_w", v.x().w(), "out_c", y.c(), "out_h", y.h(),
                            "out_w", y.w(), "k_h", v.kh(), "k_w", v.kw(), "stride_h", v.sh(), "stride_w", v.sw(),
                            "dil_h", v.dh(), "dil_w", v.dw(), "pad_t", v.padT(), "pad_l", v.padL(), "pad_b", v.padB(),
                            "pad_r", v.padR(), "groups", v.groups(), "x_zp", v.x().zeroPoint(), "y_zp", y.zeroPoint(),
                            "act_min", -128, "act_max", 127));
            bufs.add(new Buf("x", v.x().bytes() + "u", false));
            bufs.add(new Buf("w", v.weights().length + "u", false));
            if (v.bias() != null) {
                bufs.add(new Buf("bias", 4 * oc + "u", false));
            }
            bufs.add(new Buf("mult", 4 * oc + "u", false));
            bufs.add(new Buf("shift", oc + "u", false));
        } else if (l instanceof IntLayer.Pool v) {
            type = "en_pool_args_t";
            Requant rq = ratio(v.x().scale(), y.scale());
            init.append(field("x", at(offsets, v.x()))).append(field("y", at(offsets, y)))
                    .append(ints("c", y.c(), "in_h", v.x().h(), "in_w", v.x().w(), "out_h", y.h(), "out_w", y.w(),
                            "k_h", v.kh(), "k_w", v.kw(), "stride_h", v.sh(), "stride_w", v.sw(), "pad_t", v.padT(),
                            "pad_l", v.padL(), "pad_b", v.padB(), "pad_r", v.padR(), "x_zp", v.x().zeroPoint(),
                            "y_zp", y.zeroPoint(), "mult", rq.mult(), "shift", rq.shift(), "act_min", -128, "act_max", 127));
            bufs.add(new Buf("x", v.x().bytes() + "u", false));
        } else if (l instanceof IntLayer.GlobalAvgPool v) {
            type = "en_global_pool_args_t";
            Requant rq = Requant.of(v.x().scale() / (y.scale() * (double) v.x().h() * v.x().w()));
            init.append(field("x", at(offsets, v.x()))).append(field("y", at(offsets, y)))
                    .append(ints("c", y.c(), "h", v.x().h(), "w", v.x().w(), "x_zp", v.x().zeroPoint(), "y_zp", y.zeroPoint(),
                            "mult", rq.mult(), "shift", rq.shift(), "act_min", -128, "act_max", 127));
            bufs.add(new Buf("x", v.x().bytes() + "u", false));
        } else if (l instanceof IntLayer.Resize v) {
            type = "en_resize_args_t";
            Requant rq = ratio(v.x().scale(), y.scale());
            init.append(field("x", at(offsets, v.x()))).append(field("y", at(offsets, y)))
                    .append(ints("c", y.c(), "in_h", v.x().h(), "in_w", v.x().w(), "out_h", y.h(), "out_w", y.w(),
                            "x_zp", v.x().zeroPoint(), "y_zp", y.zeroPoint(), "mult", rq.mult(), "shift", rq.shift(),
                            "act_min", -128, "act_max", 127));
            bufs.add(new Buf("x", v.x().bytes() + "u", false));
        } else if (l instanceof IntLayer.Add v) {
            type = "en_add_args_t";
            double ra = v.a().scale() / y.scale();
            double rb = v.b().scale() / y.scale();
            int shift = Requant.of(Math.max(ra, rb)).shift();
            long am = Math.min(Integer.MAX_VALUE, Math.round(ra * Math.pow(2, 31 + shift)));
            long bm = Math.min(Integer.MAX_VALUE, Math.round(rb * Math.pow(2, 31 + shift)));
            init.append(field("a", at(offsets, v.a()))).append(field("b", at(offsets, v.b())))
                    .append(field("y", at(offsets, y)))
                    .append(ints("size", y.bytes(), "a_zp", v.a().zeroPoint(), "b_zp", v.b().zeroPoint(),
                            "y_zp", y.zeroPoint(), "a_mult", am, "b_mult", bm, "shift", shift, "act_min", -128, "act_max", 127));
            bufs.add(new Buf("a", v.a().bytes() + "u", false));
            bufs.add(new Buf("b", v.b().bytes() + "u", false));
        } else if (l instanceof IntLayer.Concat v) {
            type = "en_concat_args_t";
            int n = v.inputs().size();
            int[] inC = new int[n];
            int[] zp = new int[n];
            int[] mult = new int[n];
            int[] shift = new int[n];
            StringBuilder xs = new StringBuilder();
            StringBuilder stage = new StringBuilder();
            for (int i = 0; i < n; i++) {
                QTensor t = v.inputs().get(i);
                inC[i] = t.c();
                zp[i] = t.zeroPoint();
                Requant rq = ratio(t.scale(), y.scale());
                mult[i] = rq.mult();
                shift[i] = rq.shift();
                xs.append(i == 0 ? "" : ", ").append(at(offsets, t));
                stage.append("        xs[").append(i).append("] = en_stage_in(l1, &off, xs[").append(i).append("], ")
                        .append(t.bytes()).append("u);\n");
            }
            c.int32(p + "_in_c", inC);
            c.int32(p + "_x_zp", zp);
            c.int32(p + "_mult", mult);
            c.int32(p + "_shift", shift);
            prelude = "    const int8_t *xs[" + n + "] = {" + xs + "};\n"
                    + (plan.whole() ? "    uint32_t off = 0;\n    if (l1) {\n" + stage + "    }\n" : "");
            init.append(field("x", "xs")).append(field("in_c", p + "_in_c")).append(field("x_zp", p + "_x_zp"))
                    .append(field("mult", p + "_mult")).append(field("shift", p + "_shift"))
                    .append(ints("n_inputs", n)).append(field("y", at(offsets, y)))
                    .append(ints("h", y.h(), "w", y.w(), "y_zp", y.zeroPoint()));
        } else {
            throw new IllegalStateException("unknown layer " + l);
        }
        return new LayerCode(c.text(), c.declarations(), function(index, l, plan, type, init.toString(), prelude, bufs));
    }

    private static String function(int index, IntLayer l, MemoryPlan.LayerPlan plan, String type, String init,
                                   String prelude, List<Buf> bufs) {
        QTensor y = l.output();
        StringBuilder sb = new StringBuilder();
        sb.append("/* ").append(index).append(": ").append(l.name().replace("*/", "* /")).append(" -- ").append(l.kernel())
                .append(' ').append(l.inputs().get(0).shape()).append(" -> ").append(y.shape()).append(", L1: ")
                .append(plan.mode()).append(plan.whole() ? "" : " (" + plan.tiles() + " tiles; runs from L2 here)")
                .append(" */\n");
        sb.append("static void en_layer_").append(index).append("(int8_t *arena, int8_t *l1)\n{\n");
        sb.append(prelude);
        sb.append("    ").append(type).append(" a = {\n").append(init).append("    };\n");
        if (plan.whole()) {
            boolean concat = l instanceof IntLayer.Concat;
            sb.append("    int8_t *y_l2 = a.y;\n");
            if (!concat) {
                sb.append("    uint32_t off = 0;\n");
            }
            sb.append("    if (l1) {\n");
            for (Buf b : bufs) {
                sb.append("        a.").append(b.field).append(" = en_stage_in(l1, &off, a.").append(b.field).append(", ")
                        .append(b.size).append(");\n");
            }
            sb.append("        a.y = l1 + off;\n    }\n");
            sb.append("    pi_cl_team_fork(EN_CORES, ").append(l.kernel()).append(", &a);\n");
            sb.append("    if (l1) {\n        en_stage_out(y_l2, a.y, ").append(y.bytes()).append("u);\n    }\n");
        } else {
            sb.append("    (void) l1;\n");
            sb.append("    pi_cl_team_fork(EN_CORES, ").append(l.kernel()).append(", &a);\n");
        }
        sb.append("}\n\n");
        return sb.toString();
    }

    private static Requant ratio(float xs, float ys) {
        return xs == ys ? Requant.IDENTITY : Requant.of(xs / ys);
    }

    private static String at(Map<String, Long> offsets, QTensor t) {
        Long off = offsets.get(t.name());
        if (off == null) {
            throw new IllegalStateException("tensor " + t.name() + " has no arena offset");
        }
        return "arena + " + off;
    }

    private static String field(String name, String value) {
        return "        ." + name + " = " + value + ",\n";
    }

    private static String ints(Object... kv) {
        StringBuilder sb = new StringBuilder("        ");
        for (int i = 0; i < kv.length; i += 2) {
            sb.append('.').append(kv[i]).append(" = ").append(kv[i + 1]).append(i + 2 < kv.length ? ", " : ",\n");
            if ((i / 2) % 6 == 5 && i + 2 < kv.length) {
                sb.append("\n        ");
            }
        }
        return sb.toString();
    }
}
