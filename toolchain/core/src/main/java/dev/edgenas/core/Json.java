package dev.edgenas.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The one JSON mapper edgenas uses: stable key order, pretty output, strict on unknown fields. */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Serialises and writes atomically. */
    public static void writeFile(Path file, Object value) {
        AtomicFiles.writeString(file, write(value) + "\n");
    }

    /** Reads a JSON file as a tree; a missing or malformed file is a BadInputException naming it. */
    public static JsonNode readTree(Path file) {
        try {
            return MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw BadInputException.at(file, null, "file not found");
        } catch (JsonProcessingException e) {
            throw BadInputException.at(file, null, "not valid JSON at line "
                    + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw BadInputException.at(file, null, "cannot read: " + e.getMessage());
        }
    }

    /** Parses JSON text (e.g. a command's --json output). */
    public static JsonNode readTreeString(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a JSON file into a type; mapping errors name the JSON path of the bad field. */
    public static <T> T readFile(Path file, Class<T> type) {
        JsonNode tree = readTree(file);
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            throw BadInputException.at(file, e.getPathReference().replace("dev.edgenas.", ""),
                    e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw BadInputException.at(file, null, e.getOriginalMessage());
        }
    }
}
