package dev.edgenas.profile.android;

import ai.onnxruntime.OrtEnvironment;
import dev.edgenas.android.AdbClient;
import dev.edgenas.android.AdbDeviceInfo;
import dev.edgenas.android.AndroidDeviceFacts;
import dev.edgenas.android.ClockCheck;
import dev.edgenas.android.CoreSelection;
import dev.edgenas.android.CpuCluster;
import dev.edgenas.android.OrtAndroidLibraries;
import dev.edgenas.android.ShellResult;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.DeviceBackend;
import dev.edgenas.profile.DeviceFacts;
import dev.edgenas.profile.KernelProfiler;
import dev.edgenas.profile.SampleLines;
import dev.edgenas.profile.SampleParser;
import dev.edgenas.profile.TableName;
import dev.edgenas.profile.TableProfiler;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A phone reached with the real adb client. Connecting selects the phone ({@code adb connect}
 * first for a HOST:PORT serial that is not attached yet), reads its facts and, for a real phone,
 * unpacks ONNX Runtime from the AAR; the simulator runs the desktop ORT and says so
 * ({@code simulated}).
 */
public final class AndroidBackend implements DeviceBackend {
    private static final Pattern AAR_VERSION = Pattern.compile("onnxruntime-android-(\\d+\\.\\d+\\.\\d+)\\.aar");

    private final AndroidDeviceFacts phone;
    private final DeviceFacts facts;
    private final AndroidKernelProfiler profiler;
    private final String precision;

    private AndroidBackend(AndroidDeviceFacts phone, DeviceFacts facts, AndroidKernelProfiler profiler, String precision) {
        this.precision = precision;
        this.phone = phone;
        this.facts = facts;
        this.profiler = profiler;
    }

    static AndroidBackend connect(BackendConfig config, Consumer<String> log) {
        AndroidSettings a = AndroidSettings.of(config);
        AdbClient adb = a.client();
        if (a.serial() != null && a.serial().matches(".+:\\d+")
                && adb.devices().stream().noneMatch(d -> d.serial().equals(a.serial()) && d.online())) {
            adb.connect(a.serial());
        }
        String serial = adb.selectDevice(a.serial());
        AndroidDeviceFacts phone = AndroidDeviceFacts.read(adb, serial);
        OrtAndroidLibraries ort = null;
        if (!phone.simulated()) {
            if (a.ortAar() == null) {
                throw OrtAndroidLibraries.missingAar(phone);
            }
            checkAarVersion(a.ortAar());
            ort = OrtAndroidLibraries.fromAar(a.ortAar(), phone.abi(), tempDir());
        }
        long mask = a.cores().mask(phone);
        int threads = config.threads() > 0 ? config.threads() : Long.bitCount(mask);
        // The agent must report exactly this version (it stops with a clear error otherwise): the
        // desktop ORT for the simulator, the version edgenas is built against for a phone.
        String ortVersion = ort == null ? dev.edgenas.runtime.OrtEnv.get().getVersion() : OrtAndroidLibraries.ORT_VERSION;
        DeviceFacts facts = facts(config, adb, serial, phone, a, mask, threads, ortVersion);
        AndroidKernelProfiler p = new AndroidKernelProfiler(adb, serial, ort, AndroidKernelProfiler.settings(a, threads,
                ortVersion), a.reps(), config.device().id(), ortVersion, log);
        return new AndroidBackend(phone, facts, p, config.precision());
    }

    /** android-MODEL-CORES[-EP][-int8].json in the shared tables folder. */
    @Override
    public TableName defaultTable() {
        return new TableName(AndroidTables.defaultFileName(facts, precision), false);
    }

    /** The phone as adb and getprop describe it. */
    public AndroidDeviceFacts phone() {
        return phone;
    }

    public int agentRuns() {
        return profiler.agentRuns();
    }

    @Override
    public DeviceFacts facts() {
        return facts;
    }

    @Override
    public KernelProfiler profiler() {
        return profiler;
    }

    @Override
    public SampleParser parser() {
        return new AndroidSampleParser();
    }

    @Override
    public void close() {
        profiler.close();
    }

    /** The version in the AAR's Maven file name, else the version edgenas is built against. */
    static String aarVersion(Path aar) {
        Matcher m = AAR_VERSION.matcher(aar.getFileName().toString());
        return m.matches() ? m.group(1) : OrtAndroidLibraries.ORT_VERSION;
    }

    /**
     * An AAR named for another version is refused before anything is pushed; a renamed one is caught
     * by the agent, which compares the native library's version with the one it is told to expect.
     */
    static void checkAarVersion(Path aar) {
        String v = aarVersion(aar);
        if (!v.equals(OrtAndroidLibraries.ORT_VERSION)) {
            throw new EdgenasException(ExitCode.USAGE, aar + ": --ort-aar is ONNX Runtime " + v + ", edgenas is built and"
                    + " checked against " + OrtAndroidLibraries.ORT_VERSION + ": download onnxruntime-android-"
                    + OrtAndroidLibraries.ORT_VERSION + ".aar");
        }
    }

    /** Clock checks so far, added to those the table had when this run started, and what the agent ran on. */
    @Override
    public Map<String, String> runFacts(Map<String, String> before) {
        return AndroidRunFacts.merge(before, profiler.clocks(), profiler.agentHeader());
    }

    /** "policy0:0-3@1800MHz policy4:4-7@2400MHz". */
    static String clusters(AndroidDeviceFacts phone) {
        return phone.clusters().stream().map(c -> "policy" + c.policy() + ":" + c.cpus().stream().map(String::valueOf)
                .collect(Collectors.joining(",")) + "@" + c.maxKHz() / 1000 + "MHz").collect(Collectors.joining(" "));
    }

    private static DeviceFacts facts(BackendConfig config, AdbClient adb, String serial, AndroidDeviceFacts phone,
                                     AndroidSettings a, long mask, int threads, String ortVersion) {
        CoreSelection cores = a.cores();
        CpuCluster fastest = phone.clusters().stream().filter(c -> (c.mask() & mask) != 0)
                .max(java.util.Comparator.comparingLong(CpuCluster::maxKHz)).orElse(phone.bigCluster());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("serial", serial);
        extra.put("model", phone.model());
        extra.put("board", phone.board());
        extra.put("abi", phone.abi());
        extra.put("sdk", Integer.toString(phone.sdk()));
        extra.put("clusters", clusters(phone));
        extra.put("cores", cores.spec());
        extra.put("coresMask", "0x" + CoreSelection.hex(mask));
        extra.put("ortVersion", ortVersion);
        extra.put(TableProfiler.EXECUTION_PROVIDER, a.ep());
        extra.put("clockCheck", a.clockCheck().id() + ": a kernel round is " + (a.clockCheck() == ClockCheck.REJECT
                ? "measured again" : "kept and counted") + " when a pinned core's scaling_cur_freq, read after warm-up"
                + " and after the timed runs, is below its cluster's cpuinfo_max_freq");
        extra.put("simulated", Boolean.toString(phone.simulated()));
        extra.put("adbModel", adb.devices().stream().filter(d -> d.serial().equals(serial)).map(AdbDeviceInfo::model)
                .findFirst().orElse(""));
        extra.put("timing", "wall clock around session.run of the single-kernel model on the phone (agent), "
                + "per-run overhead included and subtracted per kernel");
        String desc = phone.model() + " (" + phone.board() + ", " + phone.abi() + ", Android SDK " + phone.sdk() + "), "
                + cores.spec() + " cores 0x" + CoreSelection.hex(mask) + ", ONNX Runtime " + a.ep() + " provider"
                + (phone.simulated()
                ? ", SIMULATED phone: host timings" : "");
        String mhz = fastest.maxKHz() > 0 ? Long.toString(fastest.maxKHz() / 1000) : null;
        return new DeviceFacts(config.device().id(), desc, "android", phone.simulated(), phone.board(), phone.cpuCount(),
                governor(adb, serial, fastest), mhz, null, "onnxruntime", ortVersion, threads, "all", extra);
    }

    private static String governor(AdbClient adb, String serial, CpuCluster c) {
        if (c.policy() < 0) {
            return "unknown";
        }
        ShellResult r = adb.shell(serial, "cat /sys/devices/system/cpu/cpufreq/policy" + c.policy() + "/scaling_governor");
        String g = r.ok() ? r.stdout().strip() : "";
        return g.matches("[A-Za-z0-9_-]+") ? g : "unknown";
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("edgenas-ort-android");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
