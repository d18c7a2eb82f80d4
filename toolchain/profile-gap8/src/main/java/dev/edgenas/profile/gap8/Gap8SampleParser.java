package dev.edgenas.profile.gap8;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.gap8.protocol.BatchSession;
import dev.edgenas.gap8.protocol.FrameMeasurement;
import dev.edgenas.gap8.protocol.FrameReader;
import dev.edgenas.profile.DeviceFacts;
import dev.edgenas.profile.RawOutput;
import dev.edgenas.profile.RawSamples;
import dev.edgenas.profile.SampleParser;
import dev.edgenas.profile.SampleUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes what the GAP8 firmware sent over the UART ({@link Gap8UartOutput}: the bytes of each
 * firmware run) with the serial protocol's own classes: {@link FrameReader} cuts frames and checks
 * CRCs, resyncing after noise; {@link BatchSession} accepts a kernel only from a complete, consistent
 * START, SAMPLE..., RESULT run. The samples are each accepted kernel's cluster cycles. Cycles only
 * mean time at a known clock, so a run without HELLO, at a cluster clock other than the device facts'
 * compute clock, or with a protocol violation (stale firmware, another batch) is a DEVICE_ERROR, and so
 * is a kernel the firmware reported it could not run.
 */
final class Gap8SampleParser implements SampleParser {
    private final DeviceFacts facts;

    Gap8SampleParser(DeviceFacts facts) {
        this.facts = facts;
    }

    @Override
    public List<RawSamples> parse(RawOutput out) {
        long expected = facts.clocksHz().get(DeviceFacts.COMPUTE_CLOCK);
        Map<String, RawSamples> samples = new LinkedHashMap<>();
        List<Gap8UartOutput.Run> runs = Gap8UartOutput.decode(out);
        for (int r = 0; r < runs.size(); r++) {
            Gap8UartOutput.Run run = runs.get(r);
            String where = out.source() + ": firmware run " + (r + 1) + " (batch " + run.capture().batchId() + ")";
            List<FrameMeasurement> got = new ArrayList<>();
            BatchSession session = new BatchSession(run.capture().expectation(), got::add);
            byte[] uart = run.capture().uart();
            new FrameReader(session).feed(uart, 0, uart.length);
            if (session.violation() != null) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, where + ": " + session.violation());
            }
            if (session.hello() == null) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, where + ": no valid HELLO frame in " + uart.length
                        + " bytes, so its cycle counts have no clock; " + session.stats());
            }
            if (session.hello().clHz() != expected) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, where + ": samples taken at cluster clock "
                        + session.hello().clHz() + " Hz, but the device was described at " + expected + " Hz");
            }
            session.kernelErrors().forEach((i, why) -> {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, where + ": kernel " + run.asked().get(i)
                        + " failed on the device: " + why);
            });
            for (FrameMeasurement m : got) {
                String key = run.asked().get(m.index()).canonical();
                double[] v = new double[m.cycles().length];
                for (int j = 0; j < v.length; j++) {
                    v[j] = m.cycles()[j];
                    if (!(v[j] > 0)) {
                        throw new EdgenasException(ExitCode.DEVICE_ERROR, where + ": kernel " + key + ": sample "
                                + m.cycles()[j] + " cycles is not a positive time");
                    }
                }
                // a retry re-runs only the kernels still missing, so a key is accepted in one run at most
                samples.putIfAbsent(key, new RawSamples(key, SampleUnit.CYCLES, v));
            }
        }
        return List.copyOf(samples.values());
    }
}
