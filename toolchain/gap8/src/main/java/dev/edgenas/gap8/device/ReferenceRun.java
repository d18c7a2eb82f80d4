package dev.edgenas.gap8.device;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.gap8.codegen.BatchSpec;
import dev.edgenas.gap8.protocol.BatchSession;
import dev.edgenas.gap8.protocol.FrameReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expected output checksums of a batch: the same generated C, built for the host with
 * EN_REFERENCE_RUN (one repetition) and run on ONE core into a plain file. A device result whose
 * checksum differs computed something else: a multi-core split, DMA or placement bug.
 */
public final class ReferenceRun {
    private ReferenceRun() {
    }

    /** Kernel index to expected FNV-1a checksum; kernels the reference could not run are absent. */
    public static Map<Integer, Long> checksums(BatchSpec spec, Path binary, Path dir, long timeoutMs) {
        Path frames = dir.resolve("reference.frames");
        try {
            Files.deleteIfExists(frames);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = Map.of("EN_UART_TTY", frames.toString(), "EN_SIM_CORES", "1", "EN_SIM_UNPACED", "1");
        int rc = RunningProcess.run(java.util.List.of(binary.toString()), dir, env, dir.resolve("reference-run.log"), timeoutMs);
        if (rc != 0) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, "the single-core reference run of the batch failed (exit "
                    + rc + "); see " + dir.resolve("reference-run.log"));
        }
        Map<Integer, Long> out = new TreeMap<>();
        BatchSession s = new BatchSession(new BatchSession.Expectation(spec.batchId(), spec.kernels().size(), 1, 0,
                spec.firmwareHash()), m -> out.put(m.index(), m.checksum()));
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(frames);
        } catch (IOException e) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, "the reference run wrote no frames: " + frames, e);
        }
        new FrameReader(s).feed(bytes, 0, bytes.length);
        return out;
    }
}
