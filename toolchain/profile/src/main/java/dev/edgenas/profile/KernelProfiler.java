package dev.edgenas.profile;

import dev.edgenas.ir.KernelKey;
import java.util.List;

/**
 * Runs kernels on a device and returns what the device reported, unparsed. One call is one round
 * of the measurement loop: for each kernel in the given order, {@code warmup} untimed runs then
 * {@code repetitions} timed runs (so consecutive calls interleave kernels). A backend may cache
 * prepared kernels (sessions, firmware) between calls.
 *
 * <p>Every backend supports {@link Kernels#EMPTY}: the cheapest possible run (an Identity graph,
 * an empty kernel call), whose time is the per-run overhead the table records.
 */
public interface KernelProfiler {
    /**
     * @throws dev.edgenas.core.EdgenasException with DEVICE_ERROR when the device fails, or
     *         BAD_INPUT when a kernel cannot be built for this device (naming the key)
     */
    RawOutput run(List<KernelKey> kernels, int warmup, int repetitions);

    /**
     * Whether each kernel sample includes one run's fixed overhead (wall time of a whole call, as
     * when timing a single-kernel model end to end), or times the kernel alone (a per-node profiler,
     * cycle counters around the kernel call). Decides the table's overhead accounting.
     */
    boolean samplesIncludeRunOverhead();

    /**
     * True when repeated runs of a kernel give identical timings (a cycle-level simulator): the
     * shared loop then takes the {@link dev.edgenas.latency.MeasurementPolicy#forDeterministicDevice()}
     * policy instead of sampling until a confidence interval closes.
     */
    default boolean deterministic() {
        return false;
    }

    /**
     * Timed repetitions per kernel that one device run measures at its natural cost (a firmware build
     * and load, an agent start), or 0 when any burst size costs the same (in process). The shared loop
     * then asks for bursts of this size, so every round is a fresh device run in that round's order:
     * the loop's interleaving is real, never samples of one run handed out over several rounds.
     */
    default int naturalBatch() {
        return 0;
    }
}
