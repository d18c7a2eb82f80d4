package dev.edgenas.android;

import dev.edgenas.agent.android.AgentMain;
import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.Checksums;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The versioned folder on the phone, /data/local/tmp/edgenas-VERSION/: agent.jar (dex), ort/ and
 * lib/ (from the AAR, real phones only), models/ (one file per distinct model, named by checksum),
 * lists/ and out/. Staged on the host, pushed in one "adb push", removed at the end.
 */
final class DeviceWorkspace {
    static final String ROOT = "/data/local/tmp/edgenas-" + AgentMain.VERSION;
    static final String AGENT_DEX_RESOURCE = "edgenas-agent-dex.jar";

    private final AdbClient adb;
    private final String serial;
    private final Path staging;
    private final OrtAndroidLibraries ort;
    private final Map<String, String> modelNames = new LinkedHashMap<>();

    DeviceWorkspace(AdbClient adb, String serial, Path hostTemp, OrtAndroidLibraries ort) {
        this.adb = adb;
        this.serial = serial;
        this.staging = hostTemp.resolve("edgenas-" + AgentMain.VERSION);
        this.ort = ort;
    }

    boolean hasOrt() {
        return ort != null;
    }

    /** Copies agent, ORT and models into the staging folder; returns the device file of each kernel. */
    Map<String, String> stage(List<KernelJob> kernels) {
        try {
            Files.createDirectories(staging.resolve("models"));
            Files.createDirectories(staging.resolve("lists"));
            Files.createDirectories(staging.resolve("out"));
            try (InputStream dex = AgentMain.class.getResourceAsStream(AGENT_DEX_RESOURCE)) {
                if (dex == null) {
                    throw new IllegalStateException("the agent jar holds no " + AGENT_DEX_RESOURCE + ": rebuild device-agents/android");
                }
                AtomicFiles.write(staging.resolve("agent.jar"), dex.readAllBytes());
            }
            if (ort != null) {
                Files.createDirectories(staging.resolve("ort"));
                Files.createDirectories(staging.resolve("lib"));
                Files.copy(ort.dexJar(), staging.resolve("ort/ort-dex.jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                for (Path so : ort.nativeLibraries()) {
                    Files.copy(so, staging.resolve("lib").resolve(so.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            for (KernelJob k : kernels) {
                if (!Files.isRegularFile(k.onnxFile())) {
                    throw new EdgenasException(ExitCode.BAD_INPUT, k.onnxFile() + ": model of kernel " + k.key() + " not found");
                }
                String name = "models/" + Checksums.sha256(k.onnxFile()).substring(0, 16) + ".onnx";
                Path target = staging.resolve(name);
                if (!Files.exists(target)) {
                    Files.copy(k.onnxFile(), target);
                }
                modelNames.put(k.key(), name);
            }
            return Map.copyOf(modelNames);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage files for the phone in " + staging, e);
        }
    }

    /** Clears any old folder on the phone and pushes the staged one. */
    void push() {
        ShellResult r = adb.shell(serial, "rm -rf " + ROOT + "; mkdir -p /data/local/tmp");
        if (!r.ok()) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, "cannot prepare " + ROOT + " on " + serial + ": " + r.tail(2));
        }
        adb.push(serial, staging, "/data/local/tmp/");
    }

    /** Writes a kernel list (KEY<TAB>models/FILE per line) and pushes it; returns its device path. */
    String pushList(String name, List<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            sb.append(k).append('\t').append(modelNames.get(k)).append('\n');
        }
        Path local = staging.resolve("lists").resolve(name);
        AtomicFiles.writeString(local, sb.toString());
        String remote = ROOT + "/lists/" + name;
        adb.push(serial, local, remote);
        return remote;
    }

    /** Pulls a device file's text; "" when the file does not exist (the agent died before writing). */
    String pullText(String remote, String localName) {
        Path local = staging.resolve("out").resolve(localName);
        try {
            Files.deleteIfExists(local);
            adb.pull(serial, remote, local);
            return Files.readString(local);
        } catch (EdgenasException e) {
            if (e.exitCode() == ExitCode.DEVICE_ERROR) {
                return "";
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes the folder from the phone (best effort: the phone may be gone). */
    void removeFromDevice() {
        try {
            adb.shell(serial, "rm -rf " + ROOT);
        } catch (EdgenasException ignored) {
            // unreachable now; the next run clears it before pushing
        }
    }
}
