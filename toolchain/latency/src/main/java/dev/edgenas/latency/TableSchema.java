package dev.edgenas.latency;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The latency-table JSON Schema, bundled from latency-tables/latency-table.schema.json at build time. */
public final class TableSchema {
    public static final String RESOURCE = "latency-table.schema.json";
    private static final JsonSchemaCheck CHECK = new JsonSchemaCheck(load());

    private TableSchema() {
    }

    public static List<JsonSchemaCheck.Violation> check(JsonNode table) {
        return CHECK.check(table);
    }

    public static JsonNode load() {
        try (InputStream in = TableSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + RESOURCE + " missing from the edgenas-latency jar");
            }
            return Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
