package dev.edgenas.android;

import java.util.Arrays;
import java.util.List;

/** What one "adb shell" command gave: the remote exit status and its two output streams. */
public record ShellResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    public List<String> stdoutLines() {
        if (stdout.isEmpty()) {
            return List.of();
        }
        // Keep empty lines (an unset property prints one); drop only the end after the last newline.
        String s = stdout.endsWith("\n") ? stdout.substring(0, stdout.length() - 1) : stdout;
        return Arrays.asList(s.replace("\r\n", "\n").split("\n", -1));
    }

    /** The last lines of stderr (or stdout when stderr is empty), for one-line error messages. */
    public String tail(int lines) {
        String text = stderr.isBlank() ? stdout : stderr;
        String[] all = text.strip().split("\r?\n");
        return String.join(" | ", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }
}
