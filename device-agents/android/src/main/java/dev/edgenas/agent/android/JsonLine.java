package dev.edgenas.agent.android;

import java.util.List;

/**
 * Builds one JSON object on one line. Hand-written because the agent runs on a phone with only
 * the Android runtime and the ORT classes on its classpath (no Jackson there).
 */
final class JsonLine {
    private final StringBuilder sb = new StringBuilder("{");
    private boolean first = true;

    JsonLine put(String name, String value) {
        key(name);
        if (value == null) {
            sb.append("null");
        } else {
            quote(sb, value);
        }
        return this;
    }

    JsonLine put(String name, long value) {
        key(name);
        sb.append(value);
        return this;
    }

    JsonLine put(String name, boolean value) {
        key(name);
        sb.append(value);
        return this;
    }

    JsonLine put(String name, double value) {
        key(name);
        sb.append(Double.isNaN(value) || Double.isInfinite(value) ? "null" : Double.toString(value));
        return this;
    }

    JsonLine put(String name, long[] values) {
        key(name);
        sb.append('[');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(values[i]);
        }
        sb.append(']');
        return this;
    }

    JsonLine putStrings(String name, List<String> values) {
        key(name);
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            quote(sb, values.get(i));
        }
        sb.append(']');
        return this;
    }

    JsonLine putLongs(String name, List<Long> values) {
        key(name);
        sb.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(values.get(i).longValue());
        }
        sb.append(']');
        return this;
    }

    private void key(String name) {
        if (!first) {
            sb.append(',');
        }
        first = false;
        quote(sb, name);
        sb.append(':');
    }

    @Override
    public String toString() {
        return sb.toString() + "}";
    }

    static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }

    /**
     * Reads the string value of a top-level field from a line this class wrote (used for resume).
     * Returns null when the field is absent or the line is truncated.
     */
    static String stringField(String line, String name) {
        String marker = "\"" + name + "\":\"";
        int at = line.indexOf(marker);
        if (at < 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int i = at + marker.length(); i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (++i >= line.length()) {
                return null;
            }
            char e = line.charAt(i);
            switch (e) {
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u':
                    if (i + 4 >= line.length()) {
                        return null;
                    }
                    out.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
                    i += 4;
                    break;
                default: out.append(e);
            }
        }
        return null;
    }
}
