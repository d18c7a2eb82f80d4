package dev.edgenas.latency;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a JSON document against a JSON Schema (draft 2020-12), for the keywords the latency-table
 * schema uses: type, const, enum, required, properties, additionalProperties, propertyNames, items,
 * minimum, exclusiveMinimum, exclusiveMaximum, minLength, pattern and local $ref. An unknown
 * validation keyword in the schema is an error, so the schema cannot silently outgrow this checker.
 * Violations name the field by path, e.g. {@code entries["conv;in=..."].median}.
 */
public final class JsonSchemaCheck {
    private static final java.util.Set<String> KNOWN = java.util.Set.of("$schema", "$id", "$defs", "title",
            "description", "type", "const", "enum", "required", "properties", "additionalProperties",
            "propertyNames", "items", "minimum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "pattern", "$ref");

    /** One schema violation: where and what. */
    public record Violation(String path, String problem) {
        @Override
        public String toString() {
            return path + ": " + problem;
        }
    }

    private final JsonNode root;
    private final Map<String, Pattern> patterns = new java.util.HashMap<>();

    public JsonSchemaCheck(JsonNode schema) {
        this.root = schema;
    }

    /** Every violation of the document, in document order (empty when valid). */
    public List<Violation> check(JsonNode doc) {
        List<Violation> out = new ArrayList<>();
        check(root, doc, "", out);
        return out;
    }

    private void check(JsonNode schema, JsonNode v, String path, List<Violation> out) {
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String kw = it.next();
            if (!KNOWN.contains(kw)) {
                throw new IllegalStateException("latency-table schema uses unsupported keyword " + kw + " at " + path);
            }
        }
        if (schema.has("$ref")) {
            check(resolve(schema.get("$ref").asText()), v, path, out);
        }
        String where = path.isEmpty() ? "(document)" : path;
        if (schema.has("type") && !typeMatches(schema.get("type").asText(), v)) {
            out.add(new Violation(where, "must be " + article(schema.get("type").asText()) + ", found " + describe(v)));
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(v)) {
            out.add(new Violation(where, "must be " + schema.get("const") + ", found " + describe(v)));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), v)) {
            out.add(new Violation(where, "must be one of " + schema.get("enum") + ", found " + describe(v)));
        }
        if (v.isNumber()) {
            checkNumber(schema, v.doubleValue(), where, out);
        }
        if (v.isTextual()) {
            if (schema.has("minLength") && v.asText().length() < schema.get("minLength").asInt()) {
                out.add(new Violation(where, "must not be empty"));
            }
            if (schema.has("pattern") && !pattern(schema.get("pattern").asText()).matcher(v.asText()).find()) {
                out.add(new Violation(where, "does not match " + schema.get("pattern").asText()));
            }
        }
        if (v.isObject()) {
            checkObject(schema, v, path, out);
        }
        if (v.isArray() && schema.has("items")) {
            for (int i = 0; i < v.size(); i++) {
                check(schema.get("items"), v.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private void checkNumber(JsonNode schema, double d, String where, List<Violation> out) {
        if (!Double.isFinite(d)) {
            out.add(new Violation(where, "must be a finite number"));
        }
        if (schema.has("minimum") && d < schema.get("minimum").asDouble()) {
            out.add(new Violation(where, "must be >= " + schema.get("minimum").asText() + ", found " + d));
        }
        if (schema.has("exclusiveMinimum") && d <= schema.get("exclusiveMinimum").asDouble()) {
            out.add(new Violation(where, "must be > " + schema.get("exclusiveMinimum").asText() + ", found " + d));
        }
        if (schema.has("exclusiveMaximum") && d >= schema.get("exclusiveMaximum").asDouble()) {
            out.add(new Violation(where, "must be < " + schema.get("exclusiveMaximum").asText() + ", found " + d));
        }
    }

    private void checkObject(JsonNode schema, JsonNode v, String path, List<Violation> out) {
        if (schema.has("required")) {
            for (JsonNode r : schema.get("required")) {
                if (!v.has(r.asText())) {
                    out.add(new Violation(child(path, r.asText()), "missing (required)"));
                }
            }
        }
        JsonNode props = schema.get("properties");
        JsonNode extra = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String p = child(path, f.getKey());
            if (schema.has("propertyNames")) {
                JsonNode names = schema.get("propertyNames");
                if (names.has("pattern") && !pattern(names.get("pattern").asText()).matcher(f.getKey()).find()) {
                    out.add(new Violation(p, "key does not match " + names.get("pattern").asText()));
                }
            }
            if (props != null && props.has(f.getKey())) {
                check(props.get(f.getKey()), f.getValue(), p, out);
            } else if (extra != null && extra.isBoolean() && !extra.asBoolean()) {
                out.add(new Violation(p, "unknown field" + (props == null ? "" : "; known: " + names(props))));
            } else if (extra != null && extra.isObject()) {
                check(extra, f.getValue(), p, out);
            }
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            throw new IllegalStateException("only local $ref is supported: " + ref);
        }
        JsonNode n = root.at(ref.substring(1));
        if (n.isMissingNode()) {
            throw new IllegalStateException("schema $ref does not resolve: " + ref);
        }
        return n;
    }

    private Pattern pattern(String regex) {
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }

    static String child(String path, String name) {
        return name.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? (path.isEmpty() ? name : path + "." + name)
                : path + "[\"" + name + "\"]";
    }

    private static boolean typeMatches(String type, JsonNode v) {
        return switch (type) {
            case "object" -> v.isObject();
            case "array" -> v.isArray();
            case "string" -> v.isTextual();
            case "boolean" -> v.isBoolean();
            case "integer" -> v.isIntegralNumber() || (v.isNumber() && v.asDouble() == Math.rint(v.asDouble()));
            case "number" -> v.isNumber();
            case "null" -> v.isNull();
            default -> throw new IllegalStateException("unknown schema type " + type);
        };
    }

    private static boolean contains(JsonNode array, JsonNode v) {
        for (JsonNode e : array) {
            if (e.equals(v)) {
                return true;
            }
        }
        return false;
    }

    private static String names(JsonNode props) {
        List<String> n = new ArrayList<>();
        props.fieldNames().forEachRemaining(n::add);
        return String.join(", ", n);
    }

    private static String article(String type) {
        return (type.equals("object") || type.equals("array") || type.equals("integer") ? "an " : "a ") + type;
    }

    private static String describe(JsonNode v) {
        String s = v.isContainerNode() ? v.getNodeType().toString().toLowerCase() : v.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
