package dev.edgenas.models;

import dev.edgenas.core.BadInputException;

/** A DeepLab config that cannot be built; names the offending field by its JSON path. */
public class InvalidConfigException extends BadInputException {
    private final String field;
    private final String problem;

    public InvalidConfigException(String field, String problem) {
        super("model config: " + field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** JSON path of the field, e.g. {@code backbone.stages[2].stride}. */
    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }
}
