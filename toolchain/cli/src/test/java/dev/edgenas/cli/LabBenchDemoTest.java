package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.bench.ImageStats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's one command, scripts/lab-bench-demo.sh: two bench days against the simulated phone
 * and GAP8 board, and a report that headless Chromium renders (Debian package chromium).
 */
class LabBenchDemoTest {
    @TempDir
    Path tmp;

    @Test
    void demoRunsTheBenchOnSimulatedDevicesAndTheReportRendersInChromium() throws Exception {
        LabScripts.requireTool("chromium", "chromium");
        LabScripts lab = new LabScripts(tmp);
        Path w = tmp.resolve("demo");
        LabScripts.Run r = lab.run(600, "lab-bench-demo.sh", w.toString());
        assertEquals(0, r.code(), r.output());

        Map<String, JsonNode> day2 = new TreeMap<>();
        for (JsonNode d : LabScripts.json(w.resolve("bench/last-summary.json")).get("devices")) {
            day2.put(d.get("name").asText().replaceFirst("^android-.*", "android"), d);
        }
        assertEquals(java.util.Set.of("cpu", "android", "gap8-uart"), day2.keySet(), day2.toString());
        assertTrue(day2.get("cpu").get("detail").asText().startsWith("up to date"), day2.toString());
        assertTrue(day2.get("gap8-uart").get("detail").asText().startsWith("up to date"), day2.toString());
        String phone = day2.get("android").get("detail").asText();
        assertTrue(phone.contains("device facts changed") && phone.contains("facts.sdk: 33 -> 34"), phone);
        assertTrue(phone.contains("vs previous:"), phone);

        String html = Files.readString(w.resolve("bench/report/index.html"));
        for (String name : new String[] {"cpu", day2.get("android").get("name").asText(), "gap8-uart",
            "plots/drift-over-time.png"}) {
            assertTrue(html.contains(name), "page lacks " + name);
        }
        for (String plot : new String[] {"drift-over-time.png", "drift-over-time.svg", "ops-conv.png"}) {
            assertTrue(Files.size(w.resolve("bench/report/plots").resolve(plot)) > 1000, plot);
        }
        Path png = w.resolve("report.png");
        assertTrue(Files.exists(png), "no screenshot: " + r.output());
        ImageStats s = ImageStats.of(png);
        assertEquals(1280, s.width());
        assertEquals(2000, s.height());
        assertTrue(s.nonWhiteShare() > 0.02, "screenshot nearly blank: " + s);
        assertTrue(s.distinctColors() > 50, "screenshot has few colours: " + s);
        System.out.printf("lab-bench demo: screenshot %s%n%s%n", s, Files.readString(w.resolve("bench/last-summary.txt")));
    }
}
