package dev.edgenas.gap8.kernels;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.gap8.kernels.QdqModels.Activation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** en_add_s8, en_mul_s8, en_lut_s8 and en_concat_s8 against ONNX Runtime (QDQ Add / Mul / HardSigmoid / HardSwish / Concat). */
class EltwiseKernelTest {

    @ParameterizedTest(name = "add {0}x{1}x{2} ratio {3} {4}")
    @CsvSource({"8, 10, 10, 1.0, NONE", "8, 10, 10, 2.5, NONE", "16, 8, 8, 0.3, RELU",
        "8, 9, 7, 7.0, RELU", "4, 16, 16, 1.7, RELU6"})
    void add(int c, int h, int w, double ratio, Activation act) {
        Random rnd = new Random(c * 1000L + h * 10L + w + Double.hashCode(ratio) + act.ordinal());
        QParam a = QParam.random(rnd, 0.01, 0.05);
        QParam b = QParam.random(rnd, ratio * a.scale(), ratio * a.scale() * 1.01);
        // the sum spans both ranges: the output scale sits between them
        float ys = (float) ((a.scale() + b.scale()) * (0.8 + 0.3 * rnd.nextDouble()));
        QParam y = new QParam(ys, rnd.nextInt(41) - 20);
        int n = c * h * w;
        byte[] aq = QParam.randomInt8(rnd, n);
        byte[] bq = QParam.randomInt8(rnd, n);
        long[] shape = {1, c, h, w};
        ModelProto model = QdqModels.qdqAdd(shape, a, b, y, act);
        Map<String, Ort.Input> feed = new LinkedHashMap<>();
        feed.put("a", new Ort.Input(aq, shape));
        feed.put("b", new Ort.Input(bq, shape));
        byte[] expected = Ort.run(model, feed);
        int[] m = Requant.pair((double) a.scale() / y.scale(), (double) b.scale() / y.scale());
        byte[] actual = new CHarness().int8s("a", aq).int8s("b", bq).output("y", n)
                .kernel("en_add_s8", "en_add_args_t", "a = a", "b = b", "y = y", "size = " + n,
                        "a_zp = " + a.zp(), "b_zp = " + b.zp(), "y_zp = " + y.zp(),
                        "a_mult = " + m[0], "b_mult = " + m[1], "shift = " + m[2],
                        "act_min = " + act.min(y), "act_max = " + act.max(y))
                .run();
        Match.assertClose("en_add_s8", "add " + c + "x" + h + "x" + w + " ratio " + ratio + " " + act,
                expected, actual);
    }

    @ParameterizedTest(name = "concat channels {0} on {1}x{2} same scales={3}")
    @CsvSource({"'8,8', 8, 8, false", "'8,16', 10, 9, true", "'8,8,8,8,8', 8, 8, false",
        "'4,12,8,16,4', 6, 7, false", "'3,5', 1, 1, false"})
    void concat(String channels, int h, int w, boolean sameScales) {
        int[] cs = java.util.Arrays.stream(channels.split(",")).mapToInt(Integer::parseInt).toArray();
        Random rnd = new Random(channels.hashCode() * 31L + h * 7L + w);
        QParam y = QParam.random(rnd, 0.02, 0.04);
        List<QParam> qs = new ArrayList<>();
        List<long[]> shapes = new ArrayList<>();
        Map<String, Ort.Input> feed = new LinkedHashMap<>();
        CHarness harness = new CHarness();
        int[] zp = new int[cs.length];
        int[] mult = new int[cs.length];
        int[] shift = new int[cs.length];
        StringBuilder ptrs = new StringBuilder("static const int8_t *const xs[] = {");
        int total = 0;
        for (int i = 0; i < cs.length; i++) {
            // inputs from 0.5x to 1.5x the output scale (the output range covers all inputs)
            QParam q = sameScales ? y : QParam.random(rnd, 0.5 * y.scale(), 1.5 * y.scale());
            byte[] data = QParam.randomInt8(rnd, cs[i] * h * w);
            long[] shape = {1, cs[i], h, w};
            qs.add(q);
            shapes.add(shape);
            feed.put("x" + i, new Ort.Input(data, shape));
            harness.int8s("x" + i, data);
            ptrs.append("x").append(i).append(", ");
            Requant r = Requant.of((double) q.scale() / y.scale());
            zp[i] = q.zp();
            mult[i] = r.mult();
            shift[i] = r.shift();
            total += cs[i];
        }
        long[] outShape = {1, total, h, w};
        byte[] expected = Ort.run(QdqModels.qdqConcat(shapes, qs, y, outShape), feed);
        byte[] actual = harness.decl(ptrs.append("};").toString()).int32s("in_c", cs).int32s("x_zp", zp)
                .int32s("mult", mult).int32s("shift", shift).output("y", total * h * w)
                .kernel("en_concat_s8", "en_concat_args_t", "x = xs", "in_c = in_c", "x_zp = x_zp",
                        "mult = mult", "shift = shift", "n_inputs = " + cs.length, "y = y",
                        "h = " + h, "w = " + w, "y_zp = " + y.zp())
                .run();
        Match.assertClose("en_concat_s8", "concat [" + channels + "] " + h + "x" + w
                + (sameScales ? " same scales" : ""), expected, actual);
    }

    @ParameterizedTest(name = "mul {0}x{1}x{2} per channel {3}")
    @CsvSource({"8, 10, 10, false", "16, 8, 8, true", "24, 5, 7, true", "4, 16, 16, false"})
    void mul(int c, int h, int w, boolean perChannel) {
        Random rnd = new Random(c * 1000L + h * 10L + w + (perChannel ? 7 : 0));
        QParam a = QParam.random(rnd, 0.01, 0.05);
        // a squeeze-excitation gate: HardSigmoid output in [0, 1]
        QParam b = perChannel ? new QParam(1f / 255, -128) : QParam.random(rnd, 0.01, 0.05);
        QParam y = new QParam((float) (a.scale() * (perChannel ? 1.1 : 127 * b.scale() * 0.5)), rnd.nextInt(11) - 5);
        int n = c * h * w;
        byte[] aq = QParam.randomInt8(rnd, n);
        byte[] bq = QParam.randomInt8(rnd, perChannel ? c : n);
        long[] shape = {1, c, h, w};
        long[] bShape = perChannel ? new long[] {1, c, 1, 1} : shape;
        Map<String, Ort.Input> feed = new LinkedHashMap<>();
        feed.put("a", new Ort.Input(aq, shape));
        feed.put("b", new Ort.Input(bq, bShape));
        byte[] expected = Ort.run(QdqModels.qdqMul(shape, bShape, a, b, y), feed);
        Requant r = Requant.of((double) a.scale() * b.scale() / y.scale());
        byte[] actual = new CHarness().int8s("a", aq).int8s("b", bq).output("y", n)
                .kernel("en_mul_s8", "en_mul_args_t", "a = a", "b = b", "y = y", "pixels = " + h * w, "c = " + c,
                        "per_channel = " + (perChannel ? 1 : 0), "a_zp = " + a.zp(), "b_zp = " + b.zp(),
                        "y_zp = " + y.zp(), "mult = " + r.mult(), "shift = " + r.shift(), "act_min = -128",
                        "act_max = 127")
                .run();
        Match.assertClose("en_mul_s8", "mul " + c + "x" + h + "x" + w + (perChannel ? " per channel" : ""), expected,
                actual);
    }

    /** Every one of the 256 int8 inputs through the table: identical to ORT's float op between DQ and Q. */
    @ParameterizedTest(name = "lut {0}")
    @CsvSource({"HardSigmoid, 0.16666667, 0.5", "HardSigmoid, 0.2, 0.5", "HardSwish, 0, 0"})
    void lutIsExact(String op, float alpha, float beta) {
        Random rnd = new Random(op.hashCode() + Float.hashCode(alpha));
        QParam x = QParam.random(rnd, 0.02, 0.06);
        QParam y = op.equals("HardSwish") ? QParam.random(rnd, 0.02, 0.04) : new QParam(1f / 255, -128);
        byte[] xq = new byte[256];
        for (int i = 0; i < 256; i++) {
            xq[i] = (byte) (i - 128);
        }
        long[] shape = {1, 1, 16, 16};
        byte[] expected = Ort.run(QdqModels.qdqHard(op, shape, x, y, alpha, beta), Map.of("x", new Ort.Input(xq, shape)));
        byte[] table = dev.edgenas.gap8.codegen.LutTable.of(op, alpha, beta, x.scale(), x.zp(), y.scale(), y.zp());
        byte[] actual = new CHarness().int8s("x", xq).int8s("table", table).output("y", 256)
                .kernel("en_lut_s8", "en_lut_args_t", "x = x", "y = y", "size = 256", "table = table")
                .run();
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, op + " table vs ONNX Runtime");
    }
}
