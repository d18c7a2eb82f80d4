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

    /** Releases the device (sessions, ports, adb forwards); calling it twice is harmless. */
    @Override
    void close();
}
