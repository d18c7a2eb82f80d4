package dev.edgenas.profile.android;

import dev.edgenas.profile.BackendOptions;
import java.util.LinkedHashMap;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code profile} options of {@code --device android}; unset ones take the backend's defaults. */
public final class AndroidProfileOptions implements BackendOptions {
    @Option(names = "--serial", description = "android: adb serial, or HOST:PORT (connected with adb connect); same as --device android:SERIAL.")
    String serial;

    @Option(names = "--adb", description = "android: the adb client (default /usr/bin/adb, then PATH).")
    Path adb;

    @Option(names = "--adb-server-port", description = "android: adb server port (default $ANDROID_ADB_SERVER_PORT or 5037).")
    Integer adbServerPort;

    @Option(names = "--ort-aar", description = "android: onnxruntime-android-1.29.0.aar (needed for a real phone).")
    Path ortAar;

    @Option(names = "--cores", description = "android: big (default), little, all, or a hex CPU mask such as 0xf0.")
    String cores;

    @Option(names = "--ep", description = "android: ONNX Runtime execution provider cpu (default), xnnpack or nnapi; "
            + "recorded in the table, one provider per table.")
    String ep;

    @Option(names = "--clock-check", description = "android: reject (default: measure a kernel round again when a pinned "
            + "core ran below its cluster's maximum clock) or flag (keep it, count it in the table's provenance).")
    String clockCheck;

    @Override
    public String target() {
        return serial;
    }

    @Override
    public String targetOption() {
        return "--serial";
    }

    @Override
    public Map<String, String> settings() {
        Map<String, String> o = new LinkedHashMap<>();
        BackendOptions.put(o, AndroidSettings.ADB, adb);
        BackendOptions.put(o, AndroidSettings.ADB_SERVER_PORT, adbServerPort);
        BackendOptions.put(o, AndroidSettings.ORT_AAR, ortAar);
        BackendOptions.put(o, AndroidSettings.CORES, cores);
        BackendOptions.put(o, AndroidSettings.EP, ep);
        BackendOptions.put(o, AndroidSettings.CLOCK_CHECK, clockCheck);
        return o;
    }
}
