package dev.edgenas.android.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Splits a command line the way a POSIX shell would for the subset edgenas issues: words with
 * single quotes, double quotes and backslashes; $? and $NAME expansion; operators ; && || | and
 * redirections > >> 2> 2>&1. Expansion happens here, with the values current at run time, because
 * the simulator lexes each simple command just before running it.
 */
final class ShellLexer {
    /** A word, or an operator when {@code operator} is true. */
    record Token(String text, boolean operator) {
    }

    private ShellLexer() {
    }

    static List<Token> lex(String line, Function<String, String> variables) {
        List<Token> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("syntax error: unterminated quoted string");
                }
                word.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word, variables);
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(i + 1));
                inWord = true;
                i += 2;
            } else if (c == '$') {
                i = expand(line, i, word, variables);
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                inWord = flush(out, word, inWord);
                i++;
            } else if (c == '>') {
                String op;
                if (inWord && word.toString().equals("2")) {
                    word.setLength(0);
                    inWord = false;
                    op = line.startsWith(">&1", i) ? "2>&1" : "2>";
                    i += op.length() - 1;
                } else {
                    inWord = flush(out, word, inWord);
                    op = line.startsWith(">>", i) ? ">>" : ">";
                    i += op.length();
                }
                out.add(new Token(op, true));
            } else if ("|&<;".indexOf(c) >= 0) {
                inWord = flush(out, word, inWord);
                out.add(new Token(String.valueOf(c), true));
                i++;
            } else {
                word.append(c);
                inWord = true;
                i++;
            }
        }
        flush(out, word, inWord);
        return out;
    }

    /** One simple command of a list and the operator (";", "&&", "||") that joins it to the one before. */
    record Segment(String connector, String text) {
    }

    /** Splits at top-level ; newline && || without expanding anything (that waits until run time). */
    static List<Segment> split(String line) {
        List<Segment> out = new ArrayList<>();
        String connector = ";";
        int start = 0;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"') {
                    i++;
                }
                continue;
            }
            if (c == '\\') {
                i++;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ';' || c == '\n' || line.startsWith("&&", i) || line.startsWith("||", i)) {
                out.add(new Segment(connector, line.substring(start, i)));
                connector = (c == ';' || c == '\n') ? ";" : line.substring(i, i + 2);
                i += connector.length() == 2 ? 1 : 0;
                start = i + 1;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("syntax error: unterminated quoted string");
        }
        out.add(new Segment(connector, line.substring(start)));
        return out;
    }

    private static boolean flush(List<Token> out, StringBuilder word, boolean inWord) {
        if (inWord) {
            out.add(new Token(word.toString(), false));
            word.setLength(0);
        }
        return false;
    }

    private static int doubleQuoted(String line, int i, StringBuilder word, Function<String, String> variables) {
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                word.append(line.charAt(i + 1));
                i += 2;
            } else if (c == '$') {
                i = expand(line, i, word, variables);
            } else {
                word.append(c);
                i++;
            }
        }
        throw new IllegalArgumentException("syntax error: unterminated quoted string");
    }

    private static int expand(String line, int i, StringBuilder word, Function<String, String> variables) {
        int j = i + 1;
        if (j < line.length() && line.charAt(j) == '?') {
            word.append(variables.apply("?"));
            return j + 1;
        }
        boolean braced = j < line.length() && line.charAt(j) == '{';
        int start = braced ? j + 1 : j;
        int end = start;
        while (end < line.length() && (Character.isLetterOrDigit(line.charAt(end)) || line.charAt(end) == '_'
                || (braced && line.charAt(end) == '?'))) {
            end++;
        }
        if (end == start) {
            word.append('$');
            return j;
        }
        String value = variables.apply(line.substring(start, end));
        word.append(value == null ? "" : value);
        return braced && end < line.length() && line.charAt(end) == '}' ? end + 1 : end;
    }
}
