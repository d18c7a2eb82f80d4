package dev.edgenas.android;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Which kernel rounds are not kept but measured again: those with Android's thermal status above 0,
 * and, with clock check REJECT, those where a pinned core ran below its cluster's maximum. A kernel
 * rejected more than {@code thermalRetries} times stops the run with a DEVICE_ERROR that says why.
 */
final class RoundRejections {
    private final AndroidDeviceFacts facts;
    private final long mask;
    private final RunSettings s;
    private final Consumer<String> progress;
    private final Map<String, Integer> rejected = new HashMap<>();
    private int clockRejected;

    RoundRejections(AndroidDeviceFacts facts, long mask, RunSettings s, Consumer<String> progress) {
        this.facts = facts;
        this.mask = mask;
        this.s = s;
        this.progress = progress;
    }

    /** Why this round is not kept, or null when it is. */
    String reason(KernelSample k, List<Integer> cpuOrder) {
        if (k.throttled()) {
            return "under thermal throttling (status " + Math.max(k.thermalBefore(), k.thermalAfter()) + ")";
        }
        ClockReading clock = ClockReading.of(k, cpuOrder, facts, mask);
        return s.clockCheck() == ClockCheck.REJECT && clock.belowMax() ? "with " + clock.describe() : null;
    }

    /** Counts the rejected rounds of one agent output; throws when a kernel was rejected too often. */
    void record(AgentOutput fresh, String serial, String resumeHint) {
        for (KernelSample k : fresh.kernels().values()) {
            String why = reason(k, fresh.cpuOrder());
            if (why == null) {
                continue;
            }
            if (!k.throttled()) {
                clockRejected++;
                progress.accept("kernel " + k.kernel() + " ran " + why + ": measuring it again");
            }
            if (rejected.merge(k.kernel(), 1, Integer::sum) > s.thermalRetries()) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, "kernel " + k.kernel() + " ran " + why + " "
                        + rejected.get(k.kernel()) + " times on " + serial + "; let the phone cool"
                        + (k.throttled() ? "" : " (a vendor thermal engine caps clocks without changing Android's"
                        + " thermal status; clock check 'flag' keeps such rounds and counts them)") + resumeHint);
            }
        }
    }

    int clockRejected() {
        return clockRejected;
    }
}
