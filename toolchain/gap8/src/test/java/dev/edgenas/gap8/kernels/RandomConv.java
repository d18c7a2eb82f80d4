package dev.edgenas.gap8.kernels;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.gap8.kernels.QdqModels.Activation;
import java.util.Map;
import java.util.Random;

/**
 * One seeded int8 convolution case shared by the kernel tests: CHW input, OIHW weights (symmetric,
 * no -128), per-channel weight scales and biases, an output scale of about 3 standard deviations of
 * the accumulator over the int8 range, ONNX Runtime's output for it, and the kernels' requant
 * parameters computed from the same float32 products ORT uses.
 */
record RandomConv(QParam x, byte[] xq, byte[] w, float[] ws, int[] bias, QParam y, byte[] expected, int[] mult,
                  int[] shift) {

    static RandomConv of(String name, ConvSpec s, Activation act, boolean qdq) {
        Random rnd = new Random(name.hashCode());
        QParam x = QParam.random(rnd, 0.01, 0.05);
        byte[] xq = QParam.randomInt8(rnd, s.inC() * s.h() * s.w());
        byte[] w = new byte[s.wCount()];
        for (int i = 0; i < w.length; i++) {
            w[i] = (byte) (rnd.nextInt(255) - 127); // symmetric range, no -128
        }
        float[] ws = new float[s.outC()];
        int[] bias = new int[s.outC()];
        int taps = (s.inC() / s.groups()) * s.kh() * s.kw();
        for (int c = 0; c < ws.length; c++) {
            ws[c] = (float) (0.002 + 0.01 * rnd.nextDouble());
            bias[c] = rnd.nextInt(2001 * taps) - 1000 * taps;
        }
        double accStd = 74.0 * 74.0 * Math.sqrt(taps) * x.scale() * 0.007;
        QParam y = new QParam((float) (3 * accStd / 127 * (0.8 + 0.4 * rnd.nextDouble())), rnd.nextInt(41) - 20);
        ModelProto model = qdq ? QdqModels.qdqConv(s, x, ws, w, bias, y, act)
                : QdqModels.qlinearConv(s, x, ws, w, bias, y);
        byte[] expected = Ort.run(model, Map.of("x", new Ort.Input(xq, s.inShape())));
        int[] mult = new int[s.outC()];
        int[] shift = new int[s.outC()];
        for (int c = 0; c < mult.length; c++) {
            // the same float32 products ORT uses, then exact double division
            Requant r = Requant.of((double) (x.scale() * ws[c]) / y.scale());
            mult[c] = r.mult();
            shift[c] = r.shift();
        }
        return new RandomConv(x, xq, w, ws, bias, y, expected, mult, shift);
    }
}
