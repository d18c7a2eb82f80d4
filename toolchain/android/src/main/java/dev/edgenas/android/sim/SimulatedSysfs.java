package dev.edgenas.android.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Writes the sysfs files edgenas reads (cpufreq, policies, thermal zones) into the sandbox. */
final class SimulatedSysfs {
    private SimulatedSysfs() {
    }

    static void write(Sandbox sandbox, DeviceDescription d) throws IOException {
        Map<String, String> files = new TreeMap<>();
        String cpu = "sys/devices/system/cpu/";
        int maxCpu = 0;
        for (int p = 0; p < d.clusters().size(); p++) {
            DeviceDescription.Cluster c = d.clusters().get(p);
            String related = c.cpus().stream().map(String::valueOf).collect(Collectors.joining(" "));
            String policy = cpu + "cpufreq/policy" + c.cpus().get(0) + "/";
            files.put(policy + "related_cpus", related);
            files.put(policy + "affected_cpus", related);
            files.put(policy + "cpuinfo_max_freq", Long.toString(c.maxKHz()));
            files.put(policy + "scaling_max_freq", Long.toString(c.maxKHz()));
            files.put(policy + "scaling_cur_freq", Long.toString(c.maxKHz()));
            for (int id : c.cpus()) {
                maxCpu = Math.max(maxCpu, id);
                files.put(cpu + "cpu" + id + "/cpufreq/scaling_cur_freq", Long.toString(c.maxKHz()));
                files.put(cpu + "cpu" + id + "/cpufreq/cpuinfo_max_freq", Long.toString(c.maxKHz()));
                files.put(cpu + "cpu" + id + "/online", "1");
            }
        }
        files.put(cpu + "possible", "0-" + maxCpu);
        files.put(cpu + "present", "0-" + maxCpu);
        files.put(cpu + "online", "0-" + maxCpu);
        files.put("sys/class/thermal/thermal_zone0/type", "cpu-thermal");
        files.put("sys/class/thermal/thermal_zone0/temp", "35000");
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = sandbox.root().resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue() + "\n");
        }
        Files.createDirectories(sandbox.root().resolve("data/local/tmp"));
    }
}
