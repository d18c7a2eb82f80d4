package dev.edgenas.gap8;

import dev.edgenas.gap8.protocol.BatchSession;
import dev.edgenas.ir.KernelKey;
import java.util.List;

/**
 * What came over the UART during one firmware run (one attempt of one batch), byte for byte, with
 * what the host built into that firmware, so the frames can be decoded again away from the device
 * ({@link BatchSession} fed through a {@link dev.edgenas.gap8.protocol.FrameReader}).
 *
 * @param kernels the batch's kernels in firmware index order (a retry holds only those still missing)
 * @param uart    every byte read from the line, boot noise and rejected frames included
 */
public record Gap8Capture(long batchId, List<KernelKey> kernels, int reps, int warmup, String firmwareHash,
                          byte[] uart) {

    public Gap8Capture {
        kernels = List.copyOf(kernels);
        uart = uart.clone();
    }

    @Override
    public byte[] uart() {
        return uart.clone();
    }

    /** The expectation the live session checked the same bytes against. */
    public BatchSession.Expectation expectation() {
        return new BatchSession.Expectation(batchId, kernels.size(), reps, warmup, firmwareHash);
    }
}
