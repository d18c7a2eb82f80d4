package dev.edgenas.profile.cpu;

import dev.edgenas.profile.BackendOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code profile} options of {@code --device cpu}. */
public final class CpuOptions implements BackendOptions {
    /** Setting: the ONNX Runtime graph optimisation level. */
    public static final String OPT_LEVEL = "optLevel";

    @Option(names = "--opt-level", defaultValue = "ALL_OPT", description = "cpu: ONNX Runtime optimisation level (default ${DEFAULT-VALUE}).")
    String optLevel;

    @Override
    public Map<String, String> settings() {
        Map<String, String> o = new LinkedHashMap<>();
        BackendOptions.put(o, OPT_LEVEL, optLevel);
        return o;
    }
}
