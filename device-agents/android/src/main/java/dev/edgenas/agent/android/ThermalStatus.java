package dev.edgenas.agent.android;

/**
 * Android's thermal status as "dumpsys thermalservice" prints it (Android 10+): the one reading of that text, used
 * by the agent on the phone (DeviceProbe) and by the host between runs (toolchain/android's ThermalGate).
 */
public final class ThermalStatus {
    private ThermalStatus() {
    }

    /** 0 none .. 6 shutdown; -1 when the text has no readable "Thermal Status:" line (older Android). */
    public static int parse(String dumpsys) {
        for (String line : dumpsys.split("\n")) {
            String t = line.trim();
            if (t.startsWith("Thermal Status:")) {
                try {
                    return Integer.parseInt(t.substring("Thermal Status:".length()).trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
