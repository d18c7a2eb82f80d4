package dev.edgenas.android;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.time.Duration;

/**
 * How the agent measures and how the runner paces and retries one agent run. Rounds, interleaving and
 * checkpoints are not here: the shared loop (profile's TableProfiler) asks for one run per round.
 *
 * @param thermalWaitMax how long to wait for thermal status 0 before a round (then DEVICE_ERROR)
 * @param thermalPoll    how often to read the status while waiting
 * @param thermalRetries how often one kernel may be re-measured because it ran throttled
 * @param maxAttempts    attempts per round when the phone vanishes or the agent fails without progress
 * @param backoff        first wait before a retry; doubles each time
 * @param runTimeout     limit for one agent run
 * @param ep             ONNX Runtime execution provider: cpu, xnnpack or nnapi (one per table)
 * @param expectedOrt    the ORT version the agent must report (another one stops the run), null: no check
 * @param clockCheck     what happens to a kernel round whose pinned cores ran below their cluster's maximum
 */
public record RunSettings(CoreSelection cores, int threads, int warmup, int minReps, int maxReps, double maxSeconds,
                          Duration thermalWaitMax, Duration thermalPoll,
                          int thermalRetries, int maxAttempts, Duration backoff, Duration runTimeout,
                          String ep, String expectedOrt, ClockCheck clockCheck) {
    /** The execution providers the agent can add (ORT's Java API: addXnnpack, addNnapi). */
    public static final java.util.List<String> PROVIDERS = java.util.List.of("cpu", "xnnpack", "nnapi");

    public RunSettings {
        if (!PROVIDERS.contains(ep)) {
            throw new EdgenasException(ExitCode.USAGE, "--ep " + ep + ": expected one of " + String.join(", ", PROVIDERS));
        }
        if (threads < 1 || warmup < 0 || minReps < 1 || maxReps < minReps || maxSeconds <= 0
                || maxAttempts < 1 || thermalRetries < 0) {
            throw new EdgenasException(ExitCode.USAGE, "invalid Android run settings: threads " + threads + ", warmup "
                    + warmup + ", reps " + minReps + ".." + maxReps + ", max seconds " + maxSeconds);
        }
    }

    /** Big cores, one thread, 20 warm-up runs, 30..300 samples or 2 s. */
    public static RunSettings defaults() {
        return new RunSettings(CoreSelection.parse("big"), 1, 20, 30, 300, 2.0,
                Duration.ofMinutes(5), Duration.ofSeconds(5), 2, 4, Duration.ofSeconds(2), Duration.ofMinutes(30),
                "cpu", OrtAndroidLibraries.ORT_VERSION, ClockCheck.REJECT);
    }

    public RunSettings withCores(CoreSelection c) {
        return new RunSettings(c, threads, warmup, minReps, maxReps, maxSeconds, thermalWaitMax,
                thermalPoll, thermalRetries, maxAttempts, backoff, runTimeout, ep, expectedOrt, clockCheck);
    }

    public RunSettings withThreads(int n) {
        return new RunSettings(cores, n, warmup, minReps, maxReps, maxSeconds, thermalWaitMax,
                thermalPoll, thermalRetries, maxAttempts, backoff, runTimeout, ep, expectedOrt, clockCheck);
    }

    public RunSettings withReps(int newWarmup, int newMin, int newMax, double newMaxSeconds) {
        return new RunSettings(cores, threads, newWarmup, newMin, newMax, newMaxSeconds, thermalWaitMax,
                thermalPoll, thermalRetries, maxAttempts, backoff, runTimeout, ep, expectedOrt, clockCheck);
    }

    public RunSettings withPacing(Duration waitMax, Duration poll, int newThermalRetries, int attempts, Duration firstBackoff) {
        return new RunSettings(cores, threads, warmup, minReps, maxReps, maxSeconds, waitMax, poll,
                newThermalRetries, attempts, firstBackoff, runTimeout, ep, expectedOrt, clockCheck);
    }

    /** The provider, the ORT version the agent must report, and the clock policy. */
    public RunSettings withRuntime(String newEp, String newExpectedOrt, ClockCheck newClockCheck) {
        return new RunSettings(cores, threads, warmup, minReps, maxReps, maxSeconds, thermalWaitMax,
                thermalPoll, thermalRetries, maxAttempts, backoff, runTimeout, newEp, newExpectedOrt, newClockCheck);
    }
}
