package dev.edgenas.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.TableEntry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one whole-network timer: order kept, the policy's sample bounds held, statistics consistent. */
class NetworkTimerTest {
    @Test
    void measuresEachNetworkWithinThePolicysBounds() {
        ModelProto m = OnnxModels.read(OrtInferenceTest.MODEL);
        Map<String, ModelProto> nets = new LinkedHashMap<>();
        nets.put("b", m);
        nets.put("a", m);
        MeasurementPolicy p = new MeasurementPolicy(1, 3, 6, 0.02, 0.95, 3.0, true, Integer.MAX_VALUE);
        int[] done = {0};
        Map<String, TableEntry> got = NetworkTimer.measure(nets, new OrtSettings(1, "ALL_OPT"), p, n -> done[0] = n);
        assertEquals(List.of("b", "a"), List.copyOf(got.keySet()));
        assertEquals(2, done[0]);
        for (TableEntry e : got.values()) {
            assertTrue(e.count() >= 3 && e.count() <= 6, "samples " + e.count());
            assertTrue(e.median() > 0 && e.p10() <= e.median() && e.median() <= e.p90(), e.toString());
        }
        MeasurementPolicy capped = NetworkTimer.policy(2, 4);
        assertEquals(4, capped.maxSamples());
        assertTrue(capped.minSamples() <= 4);
    }

    @Test
    void severalSessionsPerNetworkGiveOneMedianPerFileInOrder() {
        MeasurementPolicy p = NetworkTimer.policy(2, 6);
        double[] one = NetworkTimer.medians(List.of(OrtInferenceTest.MODEL), new OrtSettings(1, "ALL_OPT"), p);
        double[] three = NetworkTimer.medians(List.of(OrtInferenceTest.MODEL, OrtInferenceTest.MODEL),
                new OrtSettings(1, "ALL_OPT"), p, 3);
        assertEquals(1, one.length);
        assertEquals(2, three.length);
        for (double ms : three) { // the same network: the same order of magnitude as one session's median
            assertTrue(ms > 0 && ms < 10 * one[0] && ms > one[0] / 10, ms + " vs " + one[0]);
        }
    }
}
