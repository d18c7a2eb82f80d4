package dev.edgenas.deploy;

/** Progress of a deployment, for progress bars; every method has a no-op default. */
public interface DeployListener {
    /** A new stage begins; {@code total} units of work (0 when unknown). */
    default void stage(String name, int total) {
    }

    /** Units done in the current stage. */
    default void progress(int done) {
    }
}
