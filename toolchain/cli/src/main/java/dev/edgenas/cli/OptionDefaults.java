package dev.edgenas.cli;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults read from the library's options object, so each default is declared once (in
 * SearchOptions, TrainOptions, DeployOptions) and the command's help shows that value: option {@code --val-subset}
 * takes field {@code valSubset}. An option without such a field keeps its annotation's default.
 */
abstract class OptionDefaults implements CommandLine.IDefaultValueProvider {
    private final Object defaults;

    OptionDefaults(Object defaults) {
        this.defaults = defaults;
    }

    /** The default of an option, or null to use the annotation's. */
    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec o)) {
            return null;
        }
        Object v = value(o.longestName());
        return v == null ? null : v.toString();
    }

    /** The options object's value for an option name, or null when it has no such field. */
    Object value(String option) {
        Field f = field(defaults.getClass(), option);
        try {
            return f == null ? null : f.get(defaults);
        } catch (IllegalAccessException e) {
            return null;
        }
    }

    static Field field(Class<?> c, String option) {
        StringBuilder name = new StringBuilder();
        boolean up = false;
        for (char ch : option.replaceFirst("^--", "").toCharArray()) {
            if (ch == '-') {
                up = true;
            } else {
                name.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        try {
            Field f = c.getField(name.toString());
            return Modifier.isStatic(f.getModifiers()) || f.getType() == boolean.class ? null : f;
        } catch (NoSuchFieldException e) {
            return null;
        }
    }

    /** {@code search}: SearchOptions; --max-drop is given in mIoU points, the field holds a fraction. */
    static final class Search extends OptionDefaults {
        Search() {
            super(new dev.edgenas.search.SearchOptions());
        }

        @Override
        Object value(String option) {
            if (option.equals("--max-drop")) {
                double points = Math.round(new dev.edgenas.search.SearchOptions().maxDrop * 100 * 1e6) / 1e6;
                return points == Math.rint(points) ? Long.toString(Math.round(points)) : Double.toString(points);
            }
            return super.value(option);
        }
    }

    /**
     * {@code deploy}: DeployOptions; --split fills valSplit, --calib-method is the method's name, --target has no
     * default on the command line (it is required). --threads keeps
     * its own default (0 = all cores; DeployOptions holds the resolved OrtSettings).
     */
    static final class Deploy extends OptionDefaults {
        Deploy() {
            super(new dev.edgenas.deploy.DeployOptions());
        }

        @Override
        Object value(String option) {
            dev.edgenas.deploy.DeployOptions d = new dev.edgenas.deploy.DeployOptions();
            return switch (option) {
                case "--split" -> d.valSplit;
                case "--calib-method" -> d.method.name().toLowerCase(java.util.Locale.ROOT);
                case "--target" -> null; // required: the library's CPU default is for Java callers only
                default -> super.value(option);
            };
        }
    }

    /** {@code train}: TrainOptions. */
    static final class Train extends OptionDefaults {
        Train() {
            super(new dev.edgenas.train.TrainOptions());
        }
    }
}
