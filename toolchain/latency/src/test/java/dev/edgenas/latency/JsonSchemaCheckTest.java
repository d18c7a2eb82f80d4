package dev.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad tables through the schema validator: each message names the file and the field, worded the edgenas way. */
class JsonSchemaCheckTest {
    @TempDir
    Path dir;

    private static ObjectNode valid() {
        return Json.MAPPER.valueToTree(Tables.table(Map.of(Tables.conv1x1(8, 16), 0.02), 0.005, LatencyTable.ADD_ONCE));
    }

    /** The one-line message LatencyTable.read gives for the table after {@code breakIt}. */
    private String readError(Consumer<ObjectNode> breakIt) {
        ObjectNode t = valid();
        breakIt.accept(t);
        Path f = dir.resolve("bad.json");
        Json.writeFile(f, t);
        BadInputException e = assertThrows(BadInputException.class, () -> LatencyTable.read(f));
        assertTrue(e.getMessage().startsWith(f + ": "), e.getMessage());
        return e.getMessage().substring(f.toString().length() + 2);
    }

    @Test
    void aValidTableHasNoViolation() {
        assertEquals(List.of(), TableSchema.check(valid()));
    }

    @Test
    void wrongTypeNamesTheNestedField() {
        String m = readError(t -> ((ObjectNode) t.get("measurement")).put("interleaved", "yes"));
        assertTrue(m.startsWith("measurement.interleaved: must be a boolean, found \"yes\""), m);
    }

    @Test
    void constAndEnumViolationsSayWhatIsAllowed() {
        String m = readError(t -> t.put("format", "something-else"));
        assertTrue(m.startsWith("format: must be \"edgenas-latency-table\", found \"something-else\""), m);
        m = readError(t -> ((ObjectNode) t.get("overhead")).put("accounting", "twice"));
        assertTrue(m.startsWith("overhead.accounting: must be one of [\"add-once\",\"subtract-per-kernel-add-once\"], found \"twice\""), m);
    }

    @Test
    void boundsAreChecked() {
        String m = readError(t -> ((ObjectNode) t.get("measurement")).put("confidence", 1.0));
        assertTrue(m.startsWith("measurement.confidence: must be < 1, found 1.0"), m);
        m = readError(t -> ((ObjectNode) t.get("measurement")).put("minSamples", 0));
        assertTrue(m.startsWith("measurement.minSamples: must be >= 1, found 0.0"), m);
    }

    @Test
    void unknownFieldListsTheKnownOnes() {
        String m = readError(t -> ((ObjectNode) t.get("units")).put("power", "mW"));
        assertTrue(m.startsWith("units.power: unknown field; known: time, cycles"), m);
    }

    @Test
    void everyViolationIsReportedAndTheCountIsGiven() {
        ObjectNode t = valid();
        t.remove("complete");
        t.put("colour", 1);
        List<JsonSchemaCheck.Violation> v = TableSchema.check(t);
        assertEquals(2, v.size(), v.toString());
        assertTrue(v.stream().anyMatch(x -> x.toString().equals("complete: missing (required)")), v.toString());
        String m = readError(x -> {
            x.remove("complete");
            x.put("colour", 1);
        });
        assertTrue(m.endsWith("(and 1 more problems)"), m);
    }

    @Test
    void nonFiniteNumbersInATreeAreRefused() {
        JsonNode t = valid();
        ((ObjectNode) t.get("measurement")).put("targetRelCi", Double.NaN);
        List<JsonSchemaCheck.Violation> v = TableSchema.check(t);
        assertTrue(v.stream().anyMatch(x -> x.toString().equals("measurement.targetRelCi: must be a finite number")), v.toString());
    }
}
