package dev.edgenas.profile;

/**
 * A connected device: a profiler that runs kernels on it and a parser that reads what it prints.
 * The two are separate so that each can be tested alone: the parser on recorded device output, the
 * profiler against the device (or a simulator that speaks its protocol). The measurement loop,
 * stopping rule, statistics, checkpointing and table format are shared by every backend
 * ({@link TableProfiler}).
 */
public interface DeviceBackend extends AutoCloseable {
    /** Facts about the device for the table's provenance, read once when connecting. */
    DeviceFacts facts();

    KernelProfiler profiler();

    /**
     * Facts learnt while measuring (e.g. how many rounds ran below the maximum clock), merged into
     * the table's provenance facts at every checkpoint. {@code before} holds the facts the table had
     * when this run started (a resumed table's), so counters can continue across resumes.
     */
    default java.util.Map<String, String> runFacts(java.util.Map<String, String> before) {
        return before;
    }

    SampleParser parser();

    /** Where the table goes when no file is given: a name from the device's facts (by default its id). */
    default TableName defaultTable() {
        return new TableName(facts().deviceId().replaceAll("[^A-Za-z0-9._-]", "_") + ".json", false);
    }

    /** A checkpoint as written to disk: in the finished table's units, so an interrupted table is never a lesser one. */
    default dev.edgenas.latency.LatencyTable checkpoint(dev.edgenas.latency.LatencyTable table) {
        return table;
    }

    /**
     * The finished table with what the shared profiler does not know (cycles, the unsupported kernels
     * and their reasons, what the device reported while measuring); returns the table itself when
     * there is nothing to add.
     */
    default dev.edgenas.latency.LatencyTable finish(dev.edgenas.latency.LatencyTable table,
                                                     java.util.Map<String, String> unsupported) {
        return table;
    }

    /** Releases the device (sessions, ports, adb forwards); calling it twice is harmless. */
    @Override
    void close();
}
