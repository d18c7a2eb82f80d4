package dev.edgenas.agent.android;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads CPU clocks and the thermal status. On a phone the files are the real sysfs ones. On the
 * simulated phone the simulator sets {@code edgenas.agent.root} (its sandbox folder, which holds the
 * simulated sysfs) and {@code edgenas.agent.thermalFile} (the text dumpsys would print), because the
 * host has neither the phone's sysfs nor a dumpsys binary.
 */
final class DeviceProbe {
    static final String ROOT_PROPERTY = "edgenas.agent.root";
    static final String THERMAL_FILE_PROPERTY = "edgenas.agent.thermalFile";

    private final String root;
    private final int[] cpus;

    DeviceProbe() {
        String r = System.getProperty(ROOT_PROPERTY, "");
        this.root = r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
        this.cpus = listCpus();
    }

    boolean simulated() {
        return !root.isEmpty();
    }

    int[] cpus() {
        return cpus.clone();
    }

    /** Current clock of each CPU in kHz, in CPU order; -1 where unreadable (offline core, no cpufreq). */
    long[] frequenciesKHz() {
        long[] out = new long[cpus.length];
        for (int i = 0; i < cpus.length; i++) {
            out[i] = readLong(root + "/sys/devices/system/cpu/cpu" + cpus[i] + "/cpufreq/scaling_cur_freq");
        }
        return out;
    }

    /** Android thermal status (0 none .. 6 shutdown), -1 when it cannot be read. */
    int thermalStatus() {
        String file = System.getProperty(THERMAL_FILE_PROPERTY);
        try {
            if (file != null) {
                return ThermalStatus.parse(readText(new File(file)));
            }
            if (!OrtLoader.isAndroid()) {
                return -1;
            }
            Process p = new ProcessBuilder("dumpsys", "thermalservice").redirectErrorStream(true).start();
            String text = readAll(p.getInputStream());
            p.waitFor();
            return ThermalStatus.parse(text);
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private int[] listCpus() {
        String[] names = new File(root + "/sys/devices/system/cpu").list();
        List<Integer> ids = new ArrayList<Integer>();
        if (names != null) {
            for (String n : names) {
                if (n.matches("cpu[0-9]+")) {
                    ids.add(Integer.valueOf(n.substring(3)));
                }
            }
        }
        Collections.sort(ids);
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i);
        }
        return out;
    }

    private static long readLong(String path) {
        try {
            return Long.parseLong(readText(new File(path)).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private static String readText(File f) throws IOException {
        InputStream in = new java.io.FileInputStream(f);
        try {
            return readAll(in);
        } finally {
            in.close();
        }
    }

    private static String readAll(InputStream in) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, "UTF-8"));
        StringBuilder sb = new StringBuilder();
        char[] buf = new char[4096];
        int n;
        while ((n = r.read(buf)) > 0) {
            sb.append(buf, 0, n);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "cpus " + Arrays.toString(cpus) + (simulated() ? " (simulated root " + root + ")" : "");
    }
}
