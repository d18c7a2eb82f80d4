package dev.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyTableTest {
    @TempDir
    Path dir;

    private Path written() {
        Path f = dir.resolve("t.json");
        Tables.table(Map.of(Tables.conv1x1(8, 16), 0.02, Tables.conv1x1(16, 32), 0.05), 0.005,
                LatencyTable.ADD_ONCE).write(f);
        return f;
    }

    @Test
    void roundTripsAndValidatesAgainstTheSchema() {
        LatencyTable t = LatencyTable.read(written());
        assertEquals(2, t.size());
        assertEquals(0.05, t.entries().get(Tables.conv1x1(16, 32)).median(), 1e-12);
        assertEquals(0.005, t.overheadMs(), 1e-12);
        assertTrue(TableSchema.check(dev.edgenas.core.Json.MAPPER.valueToTree(t)).isEmpty());
    }

    @Test
    void corruptJsonNamesTheFile() throws IOException {
        Path f = written();
        Files.writeString(f, Files.readString(f).substring(0, 300));
        BadInputException e = assertThrows(BadInputException.class, () -> LatencyTable.read(f));
        assertTrue(e.getMessage().startsWith(f + ": not valid JSON"), e.getMessage());
    }

    @Test
    void schemaViolationNamesTheEntryAndField() throws IOException {
        Path f = written();
        String key = Tables.conv1x1(16, 32);
        Files.writeString(f, Files.readString(f).replaceFirst("\"median\" : 0.05,", "\"median\" : -0.05,"));
        BadInputException e = assertThrows(BadInputException.class, () -> LatencyTable.read(f));
        assertTrue(e.getMessage().contains("entries[\"" + key + "\"].median: must be > 0"), e.getMessage());
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void missingFieldUnknownFieldAndBadKeyAreNamed() throws IOException {
        Path f = written();
        String text = Files.readString(f);
        Files.writeString(f, text.replaceFirst("\"formatVersion\" : 1,", "\"formatVersion\" : 1, \"colour\" : 2,"));
        assertTrue(assertThrows(BadInputException.class, () -> LatencyTable.read(f)).getMessage()
                .contains("colour: unknown field"));
        Files.writeString(f, text.replaceFirst("\"count\" : 20,", ""));
        assertTrue(assertThrows(BadInputException.class, () -> LatencyTable.read(f)).getMessage()
                .contains("overhead.emptyRun.count: missing (required)"));
        Files.writeString(f, text.replace("conv;in=1x8x16x16", "conv;zz=1;in=1x8x16x16"));
        String msg = assertThrows(BadInputException.class, () -> LatencyTable.read(f)).getMessage();
        assertTrue(msg.contains("entries[\"conv;zz=1;in=1x8x16x16") && msg.contains("key does not match"), msg);
        Files.writeString(f, text.replace("in=1x8x16x16;out=1x16x16x16;d=1x1;g=1", "in=1x8x16x16;out=1x16x16x16;g=1;d=1x1"));
        msg = assertThrows(BadInputException.class, () -> LatencyTable.read(f)).getMessage();
        assertTrue(msg.contains("not in canonical form"), msg);
        Files.writeString(f, text.replace("prec=fp32\" : {\n      \"count\" : 20,\n      \"median\" : 0.02",
                "prec=int8\" : {\n      \"count\" : 20,\n      \"median\" : 0.02"));
        msg = assertThrows(BadInputException.class, () -> LatencyTable.read(f)).getMessage();
        assertTrue(msg.contains("precision int8 in a fp32 table"), msg);
    }

    @Test
    void statisticsOutOfOrderAreRejected() throws IOException {
        Path f = written();
        Files.writeString(f, Files.readString(f).replaceFirst("\"p90\" : 0.0515", "\"p90\" : 0.001"));
        String msg = assertThrows(BadInputException.class, () -> LatencyTable.read(f)).getMessage();
        assertTrue(msg.contains("statistics out of order"), msg);
    }
}
