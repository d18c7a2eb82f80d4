package dev.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A front and a pick per device, with the shipped cpu and gap8 tables of latency-tables/. */
class DeviceFrontsTest {
    @TempDir
    Path tmp;

    private static Path shipped(String name) {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("latency-tables"))) {
            p = p.getParent();
        }
        return p.resolve("latency-tables").resolve(name);
    }

    /** The pretrained model: 5 ms on the cpu table, 100 ms on gap8. */
    private static final CandidateScore FULL = new CandidateScore("full", 0.74, List.of(5.0, 100.0), 100, 100, 0);

    /**
     * Five networks whose order differs per device: on the cpu a and b are fastest, on gap8 c (its convolutions
     * map well to the cluster) beats b.
     */
    private static List<ParetoEntry> entries() {
        String[] g = {"a", "b", "c", "d", "e"};
        double[] proxy = {0.30, 0.40, 0.45, 0.60, 0.70};
        double[] cpu = {2.0, 2.3, 2.6, 3.0, 4.0};
        double[] gap8 = {60, 70, 40, 55, 90};
        List<ParetoEntry> out = new ArrayList<>();
        for (int i = 0; i < g.length; i++) {
            out.add(ParetoEntry.cut(g[i], proxy[i], List.of(cpu[i], gap8[i]), 10, 10, g[i] + ".onnx"));
        }
        return out;
    }

    @Test
    void eachDeviceHasItsFrontAndItsPickAndAPickTheHostCannotMeasureIsRankedByItsTable() throws Exception {
        DeviceFronts.Table cpu = table("cpu-x86.json", true);
        DeviceFronts.Table gap8 = table("gap8-gvsoc-gapuino-fc250-cl175.json", false);
        assertTrue(gap8.device().startsWith("gap8") && gap8.device().contains("simulated"), gap8.toString());
        assertFalse(gap8.thisHost() || gap8.measured());
        // the cpu table describes this host only on its machine kind; measured only then
        assertEquals(cpu.thisHost(), cpu.measured());
        List<ParetoEntry> e = entries();
        // fine-tuned: b (2.3 ms cpu, 70 ms gap8) and c (2.6 / 40) within 3 points, a outside; b, c measured here
        e.set(0, e.get(0).fineTuned(0.70, "a-ft.onnx", 1000).withMeasured(2.1));
        e.set(1, e.get(1).fineTuned(0.75, "b-ft.onnx", 1000).withMeasured(2.4));
        e.set(2, e.get(2).fineTuned(0.745, "c-ft.onnx", 1000).withMeasured(2.7));
        FinalPick pick = FinalPick.of(0.77, 5.4, 0.03, "m", e.get(1), FULL);
        List<DeviceFronts.Device> d = DeviceFronts.of(List.of(cpu, gap8), e, FULL, pick);
        assertEquals(2, d.size());
        // cpu front: every network (faster ones are less accurate); gap8 front: c (40 ms), d (55), e (90)
        assertEquals(List.of("a", "b", "c", "d", "e"), d.get(0).front());
        assertEquals(List.of("c", "d", "e"), d.get(1).front());
        // cpu pick: b, measured when the table is this host's, by the table otherwise
        assertEquals("b", d.get(0).pick().genome());
        assertEquals(cpu.measured(), d.get(0).measured());
        assertEquals(cpu.measured() ? 5.4 / 2.4 : 5.0 / 2.3, d.get(0).speedup(), 1e-12);
        assertEquals(0.02, d.get(0).drop(), 1e-12);
        // gap8 pick: c, faster there than b, by the table and saying so
        assertEquals("c", d.get(1).pick().genome());
        assertFalse(d.get(1).measured());
        assertEquals(100 / 40.0, d.get(1).speedup(), 1e-12);
        assertEquals(0.025, d.get(1).drop(), 1e-12);
        assertTrue(d.get(1).ranking().contains("ranked by its table") && d.get(1).ranking().contains("cannot measure gap8"),
                d.get(1).ranking());
        // no network within the tolerance: no pick on either device, fronts still there
        FinalPick none = FinalPick.of(0.80, 5.4, 0.03, "m", null, FULL);
        List<DeviceFronts.Device> n = DeviceFronts.of(List.of(cpu, gap8), e, FULL, none);
        assertNull(n.get(0).pick());
        assertNull(n.get(1).speedup());
        assertEquals(3, n.get(1).front().size());
        // the plot shows each device's front and pick, as PNG and SVG
        FrontPlot.write(tmp, "x", null, null, FULL, true, e, pick, d);
        assertTrue(Files.size(tmp.resolve("front.png")) > 1000 && Files.size(tmp.resolve("front.svg")) > 1000);
        List<String> series = FrontPlot.devices(FULL, e, d).getSeriesCollection().stream()
                .map(org.knowm.xchart.internal.series.Series::getName).toList();
        assertTrue(series.stream().anyMatch(s -> s.startsWith("front: cpu-x86.json"))
                && series.stream().anyMatch(s -> s.startsWith("front: gap8-gvsoc-gapuino-fc250-cl175.json"))
                && series.contains("pick on gap8-gvsoc-gapuino-fc250-cl175.json: 2.50x (table), -2.50 points")
                && series.contains("full model"), series.toString());
    }

    private static DeviceFronts.Table table(String name, boolean measured) {
        return DeviceFronts.table(shipped(name), dev.edgenas.latency.LatencyTable.read(shipped(name)), measured);
    }
}
