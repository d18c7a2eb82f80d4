package dev.edgenas.profile.android;

import dev.edgenas.android.AgentOutput;
import dev.edgenas.android.AgentOutputParser;
import dev.edgenas.android.KernelSample;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.profile.RawOutput;
import dev.edgenas.profile.RawSamples;
import dev.edgenas.profile.SampleParser;
import dev.edgenas.profile.SampleUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads what the phone's agent printed, its JSON lines (header, one kernel line per kernel with its
 * samplesNs, error and fatal lines), with the agent's own parser: samples in nanoseconds per kernel. A kernel
 * the agent could not run, or an ONNX Runtime it could not load, is a DEVICE_ERROR naming it.
 */
final class AndroidSampleParser implements SampleParser {
    @Override
    public List<RawSamples> parse(RawOutput out) {
        AgentOutput a;
        try {
            a = AgentOutputParser.parse(String.join("\n", out.lines()), out.source(), 1);
        } catch (EdgenasException e) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, out.source() + ": " + e.getMessage(), e);
        }
        // the runner hands over whole lines the agent printed, header first: anything else is not agent output
        if (a.header() == null || a.badLines() > 0) {
            String first = out.lines().isEmpty() ? "(nothing)" : out.lines().get(0);
            throw new EdgenasException(ExitCode.DEVICE_ERROR, out.source() + ": not the agent's output ("
                    + (a.header() == null ? "no header line" : a.badLines() + " line(s) that are not JSON") + "): "
                    + (first.length() > 120 ? first.substring(0, 117) + "..." : first));
        }
        if (a.fatal() != null) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, out.source() + ": the agent cannot use ONNX Runtime: "
                    + a.fatal());
        }
        for (Map.Entry<String, String> e : a.errors().entrySet()) {
            throw new EdgenasException(ExitCode.DEVICE_ERROR, out.source() + ": kernel " + e.getKey()
                    + " failed on the device: " + e.getValue().replaceAll("\\s+", " "));
        }
        List<RawSamples> r = new ArrayList<>();
        for (KernelSample k : a.kernels().values()) {
            double[] v = k.samplesNs().stream().mapToDouble(Long::doubleValue).toArray();
            for (double x : v) {
                if (!(x > 0)) {
                    throw new EdgenasException(ExitCode.DEVICE_ERROR, out.source() + ": kernel " + k.kernel()
                            + ": sample " + (long) x + " ns is not a positive time");
                }
            }
            r.add(new RawSamples(k.kernel(), SampleUnit.NS, v));
        }
        return r;
    }
}
