package dev.edgenas.profile.gap8;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.profile.DeviceFacts;
import dev.edgenas.profile.RawOutput;
import dev.edgenas.profile.RawSamples;
import dev.edgenas.profile.SampleLines;
import dev.edgenas.profile.SampleParser;
import dev.edgenas.profile.SampleUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads GAP8 profiler output: {@link SampleLines} in cycles plus one {@code gap8 platform=P
 * fc_hz=F cl_hz=C} line with the clocks the device read back. Cycles only mean time at a known
 * clock, so output without that line, with a cluster clock other than the device facts' compute
 * clock, or with samples in another unit is a DEVICE_ERROR.
 */
final class Gap8SampleParser implements SampleParser {
    private final DeviceFacts facts;

    Gap8SampleParser(DeviceFacts facts) {
        this.facts = facts;
    }

    @Override
    public List<RawSamples> parse(RawOutput out) {
        List<String> rest = new ArrayList<>();
        Map<String, String> clock = null;
        for (int i = 0; i < out.lines().size(); i++) {
            String line = out.lines().get(i).strip();
            if (line.startsWith("gap8 ")) {
                clock = fields(out, i, line);
            } else {
                rest.add(line);
            }
        }
        if (clock == null) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, out.source() + ": GAP8 output has no 'gap8 ... cl_hz=' "
                    + "line, so its cycle counts have no clock");
        }
        long expected = facts.clocksHz().get(DeviceFacts.COMPUTE_CLOCK);
        if (!String.valueOf(expected).equals(clock.get("cl_hz"))) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, out.source() + ": samples taken at cluster clock "
                    + clock.get("cl_hz") + " Hz, but the device was described at " + expected + " Hz");
        }
        List<RawSamples> samples = SampleLines.parse(new RawOutput(out.source(), rest));
        for (RawSamples s : samples) {
            if (s.unit() != SampleUnit.CYCLES) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, out.source() + ": GAP8 samples of " + s.key()
                        + " are in " + s.unit().symbol() + ", expected cycles");
            }
        }
        return samples;
    }

    private static Map<String, String> fields(RawOutput out, int i, String line) {
        Map<String, String> m = new HashMap<>();
        for (String t : line.substring(5).trim().split("\\s+")) {
            int eq = t.indexOf('=');
            if (eq <= 0) {
                throw new EdgenasException(ExitCode.DEVICE_ERROR, out.source() + ": line " + (i + 1)
                        + " of the device output: expected key=value fields: " + line);
            }
            m.put(t.substring(0, eq), t.substring(eq + 1));
        }
        if (!m.containsKey("cl_hz") || !m.get("cl_hz").matches("[1-9][0-9]*")) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, out.source() + ": line " + (i + 1)
                    + " of the device output: no valid cl_hz: " + line);
        }
        return m;
    }
}
