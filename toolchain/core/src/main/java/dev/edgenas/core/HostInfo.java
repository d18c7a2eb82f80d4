package dev.edgenas.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads the facts of this machine's CPU from /proc and /sys where they are readable. */
public final class HostInfo {
    private HostInfo() {
    }

    public static String cpuModel() {
        return procCpuField("model name").orElse(System.getProperty("os.arch"));
    }

    /** The cpufreq governor of cpu0, or "unknown" (VMs and containers often hide it). */
    public static String governor() {
        return readTrimmed(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor")).orElse("unknown");
    }

    /** 1-, 5- and 15-minute load averages, or "unknown": other work on the machine shows up here. */
    public static String loadAverage() {
        return readTrimmed(Path.of("/proc/loadavg")).map(s -> {
            String[] t = s.split("\\s+");
            return t.length >= 3 ? t[0] + " " + t[1] + " " + t[2] : "unknown";
        }).orElse("unknown");
    }

    /** Current frequency of cpu0 in MHz as /proc/cpuinfo reports it, or "unknown". */
    public static String cpuMhz() {
        return procCpuField("cpu MHz").orElse("unknown");
    }

    private static Optional<String> procCpuField(String key) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            for (String line : lines) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equals(key)) {
                    return Optional.of(line.substring(colon + 1).trim());
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux, or /proc hidden: the caller falls back
        }
        return Optional.empty();
    }

    private static Optional<String> readTrimmed(Path p) {
        try {
            return Optional.of(Files.readString(p).trim());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
