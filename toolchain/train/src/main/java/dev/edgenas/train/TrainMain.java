package dev.edgenas.train;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.core.Json;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A bare command-line entry to {@link Trainer} for scripts that run without the edgenas CLI:
 * {@code --name value} sets the {@link TrainOptions} field of that name (kebab-case, e.g.
 * {@code --weight-decay 1e-4}, {@code --optimizer sgd}); a boolean option without a value means true.
 * Prints one line per epoch and the {@link TrainResult} as JSON.
 */
public final class TrainMain {
    private TrainMain() {
    }

    public static void main(String[] args) {
        try {
            TrainOptions o = parse(args);
            TrainResult r = Trainer.run(o, new TrainListener() {
                @Override
                public void onEpoch(EpochStats e) {
                    System.out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  val mIoU %.4f  pixel acc %.4f  "
                                    + "train %.1f img/s  infer %.1f img/s  %.0f s%n", e.epoch(), o.epochs, e.trainLoss(),
                            e.valMiou(), e.valPixelAccuracy(), e.trainImagesPerSecond(), e.inferenceImagesPerSecond(),
                            e.seconds());
                }
            });
            System.out.println(Json.write(r));
        } catch (EdgenasException e) {
            System.err.println("edgenas train: " + e.getMessage());
            System.exit(e.exitCode().code());
        }
    }

    static TrainOptions parse(String[] args) {
        TrainOptions o = new TrainOptions();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new EdgenasException(ExitCode.USAGE, "unexpected argument '" + args[i] + "'");
            }
            Field f = field(args[i].substring(2));
            boolean bool = f.getType() == boolean.class;
            String value = bool && (i + 1 >= args.length || args[i + 1].startsWith("--")) ? "true" : next(args, ++i);
            try {
                f.set(o, convert(f.getType(), value));
            } catch (IllegalArgumentException | IllegalAccessException e) {
                throw new EdgenasException(ExitCode.USAGE, "option " + args[i - (bool ? 0 : 1)] + ": bad value '" + value + "'");
            }
        }
        return o;
    }

    private static Field field(String kebab) {
        StringBuilder camel = new StringBuilder();
        for (String part : kebab.split("-")) {
            camel.append(camel.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
        }
        try {
            return TrainOptions.class.getField(camel.toString());
        } catch (NoSuchFieldException e) {
            throw new EdgenasException(ExitCode.USAGE, "unknown option --" + kebab);
        }
    }

    private static String next(String[] args, int i) {
        if (i >= args.length) {
            throw new EdgenasException(ExitCode.USAGE, "option " + args[i - 1] + " needs a value");
        }
        return args[i];
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Class<?> type, String v) {
        if (type == Path.class) {
            return Path.of(v);
        } else if (type == int.class) {
            return Integer.parseInt(v);
        } else if (type == long.class) {
            return Long.parseLong(v);
        } else if (type == double.class) {
            return Double.parseDouble(v);
        } else if (type == boolean.class) {
            return Boolean.parseBoolean(v);
        } else if (type.isEnum()) {
            return Enum.valueOf((Class<Enum>) type, v.toUpperCase(Locale.ROOT));
        }
        return v;
    }
}
