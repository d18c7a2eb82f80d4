package dev.edgenas.core;

import java.nio.file.Path;

/** Invalid user input: the message names the file and, where there is one, the field or entry. */
public class BadInputException extends EdgenasException {
    public BadInputException(String message) {
        super(ExitCode.BAD_INPUT, message);
    }

    public BadInputException(String message, Throwable cause) {
        super(ExitCode.BAD_INPUT, message, cause);
    }

    /** "file: field: problem" — the one-line shape every bad-input error takes. */
    public static BadInputException at(Path file, String field, String problem) {
        String where = file == null ? "" : file + ": ";
        String f = field == null || field.isEmpty() ? "" : field + ": ";
        return new BadInputException(where + f + problem);
    }
}
