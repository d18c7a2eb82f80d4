package dev.edgenas.android.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The simulated phone's CPU clocks. Vendor thermal engines lower scaling_max_freq (and with it
 * scaling_cur_freq) without changing Android's thermal status; {@link DeviceDescription.ClockDrop}
 * replays that for the first agent runs, and {@link #setPercent} does it on demand.
 */
final class SimClocks {
    private final Path root;
    private final DeviceDescription description;
    private final AtomicInteger agentRuns = new AtomicInteger();

    SimClocks(Path root, DeviceDescription description) {
        this.root = root;
        this.description = description;
    }

    /** Called before app_process starts the agent: applies the scripted drop to this run. */
    void agentStarting() {
        DeviceDescription.ClockDrop drop = description.clockDrop();
        int run = agentRuns.incrementAndGet();
        if (drop != null && run <= drop.agentRuns()) {
            setPercent(drop.percent());
        }
    }

    /** Called when the agent exited: an idle phone's clocks are free to rise again. */
    void agentExited() {
        DeviceDescription.ClockDrop drop = description.clockDrop();
        if (drop != null && agentRuns.get() <= drop.agentRuns()) {
            setPercent(100);
        }
    }

    /** Every CPU's current and allowed clock at this share of its cluster's cpuinfo_max_freq. */
    void setPercent(int percent) {
        String cpu = "sys/devices/system/cpu/";
        try {
            for (DeviceDescription.Cluster c : description.clusters()) {
                String khz = Long.toString(c.maxKHz() * percent / 100) + "\n";
                String policy = cpu + "cpufreq/policy" + c.cpus().get(0) + "/";
                write(policy + "scaling_cur_freq", khz);
                write(policy + "scaling_max_freq", khz);
                for (int id : c.cpus()) {
                    write(cpu + "cpu" + id + "/cpufreq/scaling_cur_freq", khz);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write simulated clocks", e);
        }
    }

    private void write(String relative, String text) throws IOException {
        Path p = root.resolve(relative);
        Path tmp = p.resolveSibling(p.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, p, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
