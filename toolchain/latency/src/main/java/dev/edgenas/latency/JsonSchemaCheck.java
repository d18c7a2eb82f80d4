package dev.edgenas.latency;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a JSON document against a JSON Schema (draft 2020-12) with networknt's json-schema-validator,
 * and words each violation the edgenas way: the field by path ({@code entries["conv;in=..."].median})
 * and a short problem ({@code must be > 0, found -1.0}). The validator owns the schema semantics; this
 * class only phrases its findings, so a message names the file's field as every other input check does.
 */
public final class JsonSchemaCheck {
    /** One schema violation: where and what. */
    public record Violation(String path, String problem) {
        @Override
        public String toString() {
            return path + ": " + problem;
        }
    }

    private final JsonNode root;
    private final Schema schema;

    /** Compiles the schema; its {@code $ref}s must be local (nothing is fetched). */
    public JsonSchemaCheck(JsonNode schemaDocument) {
        this.root = schemaDocument;
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schemaDocument);
    }

    /** Every violation of the document (empty when valid). */
    public List<Violation> check(JsonNode doc) {
        List<Violation> out = new ArrayList<>();
        // JSON has no NaN/Infinity, but a tree built from Java objects can hold them (the validator
        // cannot compare them with bounds); report those alone
        nonFinite(doc, "", out);
        if (!out.isEmpty()) {
            return out;
        }
        for (Error e : schema.validate(doc)) {
            out.add(violation(e));
        }
        return out;
    }

    private Violation violation(Error e) {
        String at = path(e.getInstanceLocation());
        String where = at.isEmpty() ? "(document)" : at;
        JsonNode value = e.getInstanceNode();
        JsonNode rule = e.getSchemaNode();
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        return switch (keyword) {
            case "required" -> new Violation(child(at, e.getProperty()), "missing (required)");
            case "additionalProperties" -> new Violation(child(at, e.getProperty()), "unknown field" + known(e));
            case "propertyNames" -> new Violation(child(at, e.getProperty()), "key does not match " + text(rule, "pattern"));
            case "type" -> new Violation(where, "must be " + article(rule.asText()) + ", found " + describe(value));
            case "const" -> new Violation(where, "must be " + rule + ", found " + describe(value));
            case "enum" -> new Violation(where, "must be one of " + rule + ", found " + describe(value));
            case "minimum" -> new Violation(where, "must be >= " + rule.asText() + ", found " + value.asDouble());
            case "exclusiveMinimum" -> new Violation(where, "must be > " + rule.asText() + ", found " + value.asDouble());
            case "exclusiveMaximum" -> new Violation(where, "must be < " + rule.asText() + ", found " + value.asDouble());
            case "minLength" -> new Violation(where, "must not be empty");
            case "pattern" -> new Violation(where, "does not match " + rule.asText());
            default -> new Violation(where, e.getMessage());
        };
    }

    /** The known fields of the object whose unknown field is reported ("; known: a, b"), if any. */
    private String known(Error e) {
        JsonNode props = e.getSchemaNode() == null ? null : parentProperties(e);
        if (props == null || !props.isObject()) {
            return "";
        }
        List<String> n = new ArrayList<>();
        props.fieldNames().forEachRemaining(n::add);
        return "; known: " + String.join(", ", n);
    }

    private JsonNode parentProperties(Error e) {
        // the error's schema location ends in .../additionalProperties; its sibling "properties" lists the known fields
        NodePath loc = e.getSchemaLocation().getFragment();
        StringBuilder parent = new StringBuilder();
        for (int i = 0; i < loc.getNameCount() - 1; i++) {
            parent.append('/').append(String.valueOf(loc.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        JsonNode props = root.at(parent + "/properties");
        return props.isMissingNode() ? null : props;
    }

    private static String text(JsonNode rule, String field) {
        return rule != null && rule.has(field) ? rule.get(field).asText() : String.valueOf(rule);
    }

    /** The instance location as edgenas prints it: {@code a.b[2]["odd key"]}. */
    static String path(NodePath p) {
        String s = "";
        for (int i = 0; i < p.getNameCount(); i++) {
            Object el = p.getElement(i);
            s = el instanceof Integer n ? s + "[" + n + "]" : child(s, String.valueOf(el));
        }
        return s;
    }

    static String child(String path, String name) {
        return name.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? (path.isEmpty() ? name : path + "." + name)
                : path + "[\"" + name + "\"]";
    }

    private static void nonFinite(JsonNode v, String path, List<Violation> out) {
        if (v.isNumber() && !Double.isFinite(v.doubleValue())) {
            out.add(new Violation(path.isEmpty() ? "(document)" : path, "must be a finite number"));
        } else if (v.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                nonFinite(f.getValue(), child(path, f.getKey()), out);
            }
        } else if (v.isArray()) {
            for (int i = 0; i < v.size(); i++) {
                nonFinite(v.get(i), path + "[" + i + "]", out);
            }
        }
    }

    private static String article(String type) {
        return (type.equals("object") || type.equals("array") || type.equals("integer") ? "an " : "a ") + type;
    }

    private static String describe(JsonNode v) {
        if (v == null) {
            return "nothing";
        }
        String s = v.isContainerNode() ? v.getNodeType().toString().toLowerCase(Locale.ROOT) : v.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }
}
