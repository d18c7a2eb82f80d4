package dev.edgenas.gap8.device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Command-line helpers: shell quoting for logs and dry runs, and looking up tools on PATH. */
public final class Commands {
    private Commands() {
    }

    public static String quote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    public static String shellLine(Map<String, String> env, List<String> argv) {
        String e = env.entrySet().stream().map(x -> x.getKey() + "=" + quote(x.getValue())).collect(Collectors.joining(" "));
        String a = argv.stream().map(Commands::quote).collect(Collectors.joining(" "));
        return e.isEmpty() ? a : e + " " + a;
    }

    /** The executable's path on PATH, or null. */
    public static Path which(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, tool);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
