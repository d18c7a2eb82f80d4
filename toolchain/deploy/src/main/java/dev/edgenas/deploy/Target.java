package dev.edgenas.deploy;

import dev.edgenas.deploy.quant.ActivationType;
import java.util.Locale;

/** Where a bundle goes. */
public enum Target {
    /** Desktop/server CPU with ONNX Runtime: U8S8 (uint8 activations) measured fastest on x86, see docs/DEPLOY.md. */
    CPU(ActivationType.UINT8),
    /** Android phone with ONNX Runtime (arm64): S8S8, ORT's preferred int8 path on ARM. */
    ANDROID(ActivationType.INT8),
    /**
     * GAP8 with edgenas' int8 C kernels. The C uses int8 codes (uint8 - 128, exact); the bundle's QDQ
     * model is U8S8 because that is the form ONNX Runtime on x86 runs entirely on integer kernels, so
     * the host check compares the C with ORT's integer arithmetic (bit-exact, see docs/DEPLOY.md).
     */
    GAP8(ActivationType.UINT8);

    public final ActivationType defaultActivations;

    Target(ActivationType a) {
        this.defaultActivations = a;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Target parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target must be cpu, android or gap8, not " + s);
        }
    }
}
