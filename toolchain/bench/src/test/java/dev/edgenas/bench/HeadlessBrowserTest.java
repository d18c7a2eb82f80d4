package dev.edgenas.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.latency.compare.DriftOptions;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report opens in a real browser (Debian package chromium) and shows something. */
class HeadlessBrowserTest {
    @TempDir
    Path dir;

    @Test
    void reportRendersInHeadlessChromium() {
        Path history = dir.resolve("history");
        BenchTables.table("android:sim-1", "android", "fp32", "1.29.0", 1.0, 8, "2026-03-01T02:00:00Z")
                .write(history.resolve("android-sim-1/2026-03-01.json"));
        BenchTables.table("android:sim-1", "android", "fp32", "1.29.0", 1.05, 8, "2026-03-02T02:00:00Z")
                .write(history.resolve("android-sim-1/2026-03-02.json"));
        ReportResult r = BenchReport.write(new ReportInputs("Bench", history, List.of(), null, null, null,
                DriftOptions.defaults()), dir.resolve("report"));
        Path png = dir.resolve("shot.png");
        HeadlessBrowser.screenshot(r.html(), png, 1280, 2000);
        ImageStats s = ImageStats.of(png);
        assertEquals(1280, s.width());
        assertEquals(2000, s.height());
        // Text, tables and the embedded plot images: a blank or error page has almost no colour.
        assertTrue(s.nonWhiteShare() > 0.02, "screenshot nearly blank: " + s);
        assertTrue(s.distinctColors() > 50, "screenshot has few colours: " + s);
    }

    @Test
    void aBlankPageIsTold() throws Exception {
        Path page = dir.resolve("blank.html");
        java.nio.file.Files.writeString(page, "<html><body></body></html>");
        Path png = dir.resolve("blank.png");
        HeadlessBrowser.screenshot(page, png, 400, 300);
        ImageStats s = ImageStats.of(png);
        assertEquals(0.0, s.nonWhiteShare());
    }
}
