package dev.edgenas.profile.cpu;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads ONNX Runtime's profiling output (a JSON array of trace events) into the time each run
 * spent in the kernel's own nodes. Counted: "Node" events named {@code *_kernel_time}, except the
 * layout conversions ONNX Runtime inserts at a single-kernel model's edges (ReorderInput/Output for
 * NCHWc, Transpose for NHWC, Q/DQ glue) and the context nodes {@code ctx.*} that only put the
 * kernel's inputs in the layout a network would hand it. ONNX Runtime truncates durations to whole
 * microseconds, so each counted node gets the expected lost half microsecond back; without it a
 * network of 70 kernels would be under-predicted by ~35 us.
 */
final class OrtProfile {
    static final Set<String> EDGE_OPS = Set.of("ReorderInput", "ReorderOutput", "Transpose", "QuantizeLinear",
            "DequantizeLinear", "Identity");
    static final long TRUNCATION_NS = 500;
    static final String CONTEXT_PREFIX = dev.edgenas.profile.KernelModelFactory.CONTEXT_PREFIX;

    private OrtProfile() {
    }

    /** Per model run, in run order: nanoseconds spent in the kernel's nodes. */
    static List<Long> kernelNsPerRun(Path profile) {
        return kernelNsPerRun(profile, 0);
    }

    /** The same, less {@code floorNs} (the profiler's own cost, see ProfilerFloor) per counted node. */
    static List<Long> kernelNsPerRun(Path profile, long floorNs) {
        JsonNode events;
        try {
            events = Json.MAPPER.readTree(Files.readAllBytes(profile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ONNX Runtime profile " + profile + ": " + e.getMessage(), e);
        }
        List<long[]> runs = new ArrayList<>(); // {start, end, sum}
        for (JsonNode ev : events) {
            if (ev.path("cat").asText().equals("Session") && ev.path("name").asText().equals("model_run")) {
                long ts = ev.path("ts").asLong();
                runs.add(new long[] {ts, ts + ev.path("dur").asLong(), 0});
            }
        }
        runs.sort((a, b) -> Long.compare(a[0], b[0]));
        for (JsonNode ev : events) {
            String name = ev.path("name").asText();
            if (!ev.path("cat").asText().equals("Node") || !name.endsWith("_kernel_time")
                    || name.startsWith(CONTEXT_PREFIX) || EDGE_OPS.contains(ev.path("args").path("op_name").asText())) {
                continue;
            }
            long ts = ev.path("ts").asLong();
            for (long[] r : runs) {
                if (ts >= r[0] && ts <= r[1]) {
                    r[2] += ev.path("dur").asLong() * 1000 + TRUNCATION_NS - floorNs;
                    break;
                }
            }
        }
        return runs.stream().map(r -> r[2]).toList();
    }
}
