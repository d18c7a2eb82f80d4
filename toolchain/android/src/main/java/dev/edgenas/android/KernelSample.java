package dev.edgenas.android;

import java.util.List;

/**
 * One kernel measured once by the agent (one round): raw run times, session creation time, and
 * the CPU clocks (kHz, per CPU, -1 = unreadable) and thermal status (-1 = unknown) around it.
 */
public record KernelSample(String kernel, String file, int round, long sessionCreateNs, long warmupNs,
                           List<Long> samplesNs, List<Long> freqBeforeKHz, List<Long> freqAfterKHz,
                           int thermalBefore, int thermalAfter) {
    public KernelSample {
        samplesNs = List.copyOf(samplesNs);
        freqBeforeKHz = List.copyOf(freqBeforeKHz);
        freqAfterKHz = List.copyOf(freqAfterKHz);
    }

    /** Android reported throttling (status above 0) before or after this measurement. */
    public boolean throttled() {
        return thermalBefore > 0 || thermalAfter > 0;
    }
}
