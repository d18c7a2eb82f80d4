package dev.edgenas.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.BadInputException;
import dev.edgenas.latency.compare.DriftOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {
    @TempDir
    Path dir;
    Path history;

    @BeforeEach
    void history() {
        history = dir.resolve("history");
        BenchTables.table("android:sim-1", "android", "fp32", "1.29.0", 1.0, 12, "2026-03-01T02:00:00Z")
                .write(history.resolve("android-sim-1/2026-03-01.json"));
        BenchTables.table("android:sim-1", "android", "fp32", "1.29.0", 1.02, 12, "2026-03-02T02:00:00Z")
                .write(history.resolve("android-sim-1/2026-03-02.json"));
        // A runtime update made everything 30 % slower.
        BenchTables.table("android:sim-1", "android", "fp32", "1.30.0", 1.3, 12, "2026-03-03T02:00:00Z")
                .write(history.resolve("android-sim-1/2026-03-03.json"));
        BenchTables.table("gap8:/dev/pts/7", "gap8", "int8", "en-kernels-1", 3.0, 6, "2026-03-03T02:00:00Z")
                .write(history.resolve("gap8-pts-7/2026-03-03.json"));
    }

    @Test
    void writesPageSummaryAndPlotsForEveryDevice() throws Exception {
        Path out = dir.resolve("report");
        ReportResult r = BenchReport.write(new ReportInputs("Bench", history, List.of(), null, null, null,
                DriftOptions.defaults()), out);
        assertEquals(List.of("android-sim-1", "gap8-pts-7"), r.devices());
        assertTrue(r.driftExceeded());
        // drift over time, one scatter (only the phone has two versions), ops conv + dwconv
        assertEquals(List.of("plots/drift-over-time.png", "plots/scatter-android-sim-1.png", "plots/ops-conv.png",
                "plots/ops-dwconv.png"), r.plots().stream().map(Plot::png).toList());
        for (Plot p : r.plots()) {
            ImageStats s = ImageStats.of(out.resolve(p.png()));
            assertEquals(900, s.width());
            assertEquals(540, s.height());
            assertTrue(s.distinctColors() > 8, p.png() + " looks empty");
            String svg = Files.readString(out.resolve(p.svg()));
            assertTrue(svg.contains("<svg"), p.svg());
        }
        String html = Files.readString(r.html());
        for (String s : new String[] {"android-sim-1", "gap8-pts-7", "android:sim-1", "plots/drift-over-time.png",
            "runtime provenance.runtimeVersion: 1.29.0 -&gt; 1.30.0", "class=\"bad\""}) {
            assertTrue(html.contains(s), "page lacks " + s);
        }
        String summary = Files.readString(r.summaryFile());
        assertTrue(summary.contains("android-sim-1: android:sim-1"), summary);
        assertTrue(summary.contains("median ratio 1.275"), summary);   // 1.3 / 1.02
        assertTrue(summary.contains("-> DRIFT"), summary);
        assertTrue(summary.contains("gap8-pts-7: gap8:/dev/pts/7, gap8"), summary);
        assertTrue(summary.endsWith("RESULT: drift beyond the threshold, see above\n"), summary);
    }

    @Test
    void singleTablesAndAnExplicitComparisonWithoutHistory() throws Exception {
        Path a = history.resolve("android-sim-1/2026-03-01.json");
        Path b = history.resolve("android-sim-1/2026-03-02.json");
        ReportResult r = BenchReport.write(new ReportInputs("AB", null, List.of(a, b), a, b, null,
                DriftOptions.defaults()), dir.resolve("ab"));
        assertEquals(List.of("2026-03-01", "2026-03-02"), r.devices());
        assertFalse(r.driftExceeded(), r.summary());
        assertTrue(r.plots().stream().anyMatch(p -> p.png().equals("plots/scatter-a-b.png")));
        assertTrue(r.summary().contains("comparison A/B:"), r.summary());
        assertTrue(r.summary().contains("no drift beyond the threshold"), r.summary());
    }

    @Test
    void showsTheBenchRunStatus() throws Exception {
        Path status = dir.resolve("summary.json");
        Files.writeString(status, "{\"startedAt\":\"2026-03-03T02:00:00Z\",\"exitCode\":4,\"needsAttention\":true,"
                + "\"devices\":[{\"name\":\"gap8-pts-7\",\"status\":\"vanished\",\"detail\":\"port gone <mid-run>\"}]}");
        ReportResult r = BenchReport.write(new ReportInputs("Bench", history, List.of(), null, null, status,
                DriftOptions.defaults()), dir.resolve("s"));
        String html = Files.readString(r.html());
        assertTrue(html.contains("<td>vanished</td><td>port gone &lt;mid-run&gt;</td>"), html);
        assertTrue(r.summary().contains("gap8-pts-7: vanished - port gone <mid-run>"), r.summary());
    }

    @Test
    void badInputsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> new ReportInputs("x", null, List.of(), null, null, null,
                DriftOptions.defaults()));
        assertThrows(IllegalArgumentException.class, () -> new ReportInputs("x", history, List.of(), history, null, null,
                DriftOptions.defaults()));
        BadInputException e = assertThrows(BadInputException.class, () -> BenchReport.write(new ReportInputs("x",
                dir.resolve("nope"), List.of(), null, null, null, DriftOptions.defaults()), dir.resolve("r")));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }
}
