package dev.edgenas.deploy.gap8;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.runtime.OrtEnv;
import dev.edgenas.runtime.OrtSettings;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * ONNX Runtime's int8 run of the QDQ model as the reference for the generated C: the float output
 * is the DequantizeLinear of the int8 output, so re-quantising it recovers ORT's int8 values exactly.
 *
 * @param argmaxAgreement share of pixels whose class (argmax over channels, first maximum wins) is equal
 * @param exact           share of output values identical
 * @param withinOne       share of output values at most one step apart
 */
public record OrtReference(double argmaxAgreement, double exact, double withinOne, int pixels) {

    public static byte[] run(ModelProto qdq, float[] input, long[] shape, QTensor out, OrtSettings settings) {
        OrtEnvironment env = OrtEnv.get();
        try (OrtSession.SessionOptions so = settings.sessionOptions();
             OrtSession s = env.createSession(qdq.toByteArray(), so);
             OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result r = dev.edgenas.core.NativeCalls.run(() -> s.run(Map.of(s.getInputNames().iterator().next(), x)))) {
            FloatBuffer y = ((OnnxTensor) r.get(0)).getFloatBuffer();
            byte[] q = new byte[out.bytes()];
            if (y.remaining() != q.length) {
                throw new IllegalStateException("ORT output has " + y.remaining() + " values, expected " + q.length);
            }
            for (int i = 0; i < q.length; i++) {
                long v = Math.round(Math.rint(y.get(i) / out.scale())) + out.zeroPoint();
                q[i] = (byte) Math.max(-128, Math.min(127, v));
            }
            return q;
        } catch (OrtException e) {
            throw new EdgenasException(ExitCode.FAILURE, "ONNX Runtime cannot run the int8 model: " + e.getMessage(), e);
        }
    }

    /** Compares two CHW int8 outputs of {@code c} channels. */
    public static OrtReference compare(byte[] ort, byte[] c8, QTensor out) {
        int hw = out.h() * out.w();
        int exact = 0;
        int within = 0;
        for (int i = 0; i < ort.length; i++) {
            int d = Math.abs(ort[i] - c8[i]);
            exact += d == 0 ? 1 : 0;
            within += d <= 1 ? 1 : 0;
        }
        int agree = 0;
        for (int p = 0; p < hw; p++) {
            if (argmax(ort, p, hw, out.c()) == argmax(c8, p, hw, out.c())) {
                agree++;
            }
        }
        return new OrtReference((double) agree / hw, (double) exact / ort.length, (double) within / ort.length, hw);
    }

    static int argmax(byte[] v, int p, int hw, int c) {
        int best = 0;
        for (int k = 1; k < c; k++) {
            if (v[k * hw + p] > v[best * hw + p]) {
                best = k;
            }
        }
        return best;
    }
}
