package dev.edgenas.latency.compare;

import static dev.edgenas.latency.compare.CompareTables.convs;
import static dev.edgenas.latency.compare.CompareTables.provenance;
import static dev.edgenas.latency.compare.CompareTables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableHistoryTest {
    @TempDir
    Path dir;

    @Test
    void scansDatedTablesPerDeviceOldestFirstAndSkipsOtherFiles() throws Exception {
        Files.createDirectories(dir.resolve("gap8/logs"));
        table(convs(5, 1.0), 0.01, provenance("1.29.0", null)).write(dir.resolve("phone/2026-03-02.json"));
        table(convs(5, 1.2), 0.01, provenance("1.29.0", null)).write(dir.resolve("phone/2026-03-10.json"));
        table(convs(5, 1.2), 0.01, provenance("1.29.0", null)).write(dir.resolve("phone/" + TableHistory.CURRENT));
        table(convs(3, 2.0), 0.01, provenance("1.29.0", null)).write(dir.resolve("gap8/2026-03-05.json"));
        Files.writeString(dir.resolve("gap8/notes.json"), "not a table");
        Files.writeString(dir.resolve("README"), "x");

        TableHistory h = TableHistory.scan(dir);
        assertEquals(List.of("gap8", "phone"), List.copyOf(h.devices().keySet()));
        assertEquals(List.of(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 10)),
                h.devices().get("phone").stream().map(TableHistory.Version::date).toList());
        assertEquals(LocalDate.of(2026, 3, 10), h.latest().get("phone").date());

        List<TableDiff> drift = h.driftFromFirst("phone", DriftOptions.defaults());
        assertEquals(2, drift.size());
        assertEquals(1.0, drift.get(0).summary().medianRatio(), 1e-12);
        assertEquals(1.2, drift.get(1).summary().medianRatio(), 1e-9);
        assertTrue(drift.get(1).summary().exceeded());
    }

    @Test
    void aBrokenDatedTableIsAnErrorNamingIt() throws Exception {
        Files.createDirectories(dir.resolve("phone"));
        Files.writeString(dir.resolve("phone/2026-03-02.json"), "{\"format\": 3}");
        BadInputException e = assertThrows(BadInputException.class, () -> TableHistory.scan(dir));
        assertTrue(e.getMessage().contains("2026-03-02.json"), e.getMessage());
        assertThrows(BadInputException.class, () -> TableHistory.scan(dir.resolve("absent")));
    }
}
