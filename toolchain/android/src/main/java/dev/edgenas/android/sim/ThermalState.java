package dev.edgenas.android.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The simulated thermal status. Kept as the text "dumpsys thermalservice" prints, in a sandbox file
 * that the agent (on the host JVM, where there is no dumpsys) reads directly.
 */
final class ThermalState {
    private final Path file;
    private int status;
    private int readsUntilCool;

    ThermalState(Path file, int status, int coolDownAfterReads) {
        this.file = file;
        this.readsUntilCool = coolDownAfterReads;
        set(status);
    }

    Path file() {
        return file;
    }

    synchronized int status() {
        return status;
    }

    synchronized void set(int newStatus) {
        status = newStatus;
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, render(newStatus));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write simulated thermal status", e);
        }
    }

    /** One shell read: counts towards the cool-down the description asked for. */
    synchronized String dumpsysForShell() {
        String text = render(status);
        if (readsUntilCool > 0 && --readsUntilCool == 0) {
            set(0);
        }
        return text;
    }

    static String render(int status) {
        double temp = 35.0 + 8 * status;
        return "IsStatusOverride: false\n"
                + "ThermalEventListeners:\n\tcallbacks: 0\n\tkilled: false\n\tbroadcasts count: -1\n"
                + "ThermalStatusListeners:\n\tcallbacks: 1\n\tkilled: false\n\tbroadcasts count: -1\n"
                + "Thermal Status: " + status + "\n"
                + "Cached temperatures:\n\tTemperature{mValue=" + temp + ", mType=0, mName=cpu, mStatus=" + status + "}\n"
                + "HAL Ready: true\n"
                + "HAL connection:\n\tSimulated thermal HAL (edgenas-sim)\n";
    }
}
