package dev.edgenas.android;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What edgenas records about a phone: identity (getprop), CPU clusters (cpufreq policies) and
 * whether it is the edgenas simulator (property edgenas.simulated=1: timings are host timings).
 */
public record AndroidDeviceFacts(String serial, String model, String board, String abi, int sdk,
                                 boolean simulated, List<CpuCluster> clusters) {
    static final List<String> PROPERTIES = List.of("ro.product.model", "ro.board.platform", "ro.product.cpu.abi",
            "ro.build.version.sdk", "edgenas.simulated");
    private static final String POLICY_DIR = "/sys/devices/system/cpu/cpufreq";

    public AndroidDeviceFacts {
        clusters = List.copyOf(clusters);
    }

    public int cpuCount() {
        return clusters.stream().mapToInt(c -> c.cpus().size()).sum();
    }

    public long allCpusMask() {
        return clusters.stream().mapToLong(CpuCluster::mask).reduce(0, (a, b) -> a | b);
    }

    /** The cluster with the highest maximum clock (on phones with a prime core this may be one CPU). */
    public CpuCluster bigCluster() {
        return clusters.stream().max(Comparator.comparingLong(CpuCluster::maxKHz)).orElseThrow();
    }

    public CpuCluster littleCluster() {
        return clusters.stream().min(Comparator.comparingLong(CpuCluster::maxKHz)).orElseThrow();
    }

    /** Reads the facts with three shell commands: getprop, the policy list, their files. */
    public static AndroidDeviceFacts read(AdbClient adb, String serial) {
        ShellResult props = adb.shell(serial, String.join("; ", PROPERTIES.stream().map(p -> "getprop " + p).toList()));
        if (!props.ok()) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, "getprop failed on " + serial + ": " + props.tail(2));
        }
        ShellResult policies = adb.shell(serial, "ls " + POLICY_DIR);
        List<String> names = policies.ok() ? policies.stdoutLines().stream().map(String::strip)
                .filter(n -> n.matches("policy\\d+")).toList() : List.of();
        String catOut = "";
        if (!names.isEmpty()) {
            StringBuilder cmd = new StringBuilder("cat");
            for (String n : names) {
                cmd.append(' ').append(POLICY_DIR).append('/').append(n).append("/related_cpus ")
                        .append(POLICY_DIR).append('/').append(n).append("/cpuinfo_max_freq");
            }
            ShellResult cat = adb.shell(serial, cmd.toString());
            if (!cat.ok()) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, "cannot read cpufreq policies on " + serial + ": " + cat.tail(2));
            }
            catOut = cat.stdout();
        }
        AndroidDeviceFacts facts = parse(serial, props.stdoutLines(), names, catOut);
        return facts.clusters().isEmpty() ? facts.withClusters(possibleCpus(adb, serial)) : facts;
    }

    /** Without cpufreq (some emulators, locked-down kernels): one cluster of all possible CPUs, clock unknown (0). */
    private static List<CpuCluster> possibleCpus(AdbClient adb, String serial) {
        ShellResult r = adb.shell(serial, "cat /sys/devices/system/cpu/possible");
        String range = r.ok() ? r.stdout().strip() : "";
        if (!range.matches("\\d+(-\\d+)?")) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, "cannot tell the CPUs of " + serial
                    + ": no cpufreq policies and /sys/devices/system/cpu/possible reads '" + range + "'");
        }
        String[] ends = range.split("-");
        int last = Integer.parseInt(ends[ends.length - 1]);
        List<Integer> cpus = new ArrayList<>();
        for (int c = Integer.parseInt(ends[0]); c <= last; c++) {
            cpus.add(c);
        }
        return List.of(new CpuCluster(-1, cpus, 0));
    }

    public AndroidDeviceFacts withClusters(List<CpuCluster> newClusters) {
        return new AndroidDeviceFacts(serial, model, board, abi, sdk, simulated, newClusters);
    }

    /**
     * Builds the facts from getprop lines (in {@link #PROPERTIES} order), policy folder names and
     * the "cat" of each policy's related_cpus and cpuinfo_max_freq (two lines per policy).
     */
    static AndroidDeviceFacts parse(String serial, List<String> propLines, List<String> policyNames, String catOut) {
        if (propLines.size() < PROPERTIES.size()) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, "getprop on " + serial + " gave " + propLines.size()
                    + " lines, expected " + PROPERTIES.size());
        }
        List<String> lines = catOut.isEmpty() ? List.of() : List.of(catOut.strip().split("\r?\n"));
        if (lines.size() != 2 * policyNames.size()) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, "unexpected cpufreq policy files on " + serial + ": "
                    + lines.size() + " lines for " + policyNames.size() + " policies");
        }
        List<CpuCluster> clusters = new ArrayList<>();
        for (int i = 0; i < policyNames.size(); i++) {
            List<Integer> cpus = new ArrayList<>();
            for (String c : lines.get(2 * i).strip().split("\\s+")) {
                cpus.add(Integer.parseInt(c));
            }
            clusters.add(new CpuCluster(Integer.parseInt(policyNames.get(i).substring("policy".length())), cpus,
                    Long.parseLong(lines.get(2 * i + 1).strip())));
        }
        clusters.sort(Comparator.comparingInt(CpuCluster::policy));
        String sdk = propLines.get(3).strip();
        return new AndroidDeviceFacts(serial, propLines.get(0).strip(), propLines.get(1).strip(), propLines.get(2).strip(),
                sdk.matches("\\d+") ? Integer.parseInt(sdk) : -1, propLines.get(4).strip().equals("1"), clusters);
    }
}
