package dev.edgenas.cli;

import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The allowed range of every numeric option of every command, in one place, checked after parsing
 * and before a command runs: a value outside it is a usage error (exit 2) naming the option. A
 * numeric option without a rule here is a bug that {@code OptionRangesTest} catches, so a new
 * option cannot slip through unchecked (eval --batch 0 once spun forever).
 */
final class OptionRanges {
    /** min/max inclusive unless the flags say otherwise; NaN and infinities are never allowed. */
    record Range(double min, boolean minOpen, double max, String meaning) {
        boolean allows(double v) {
            return Double.isFinite(v) && (minOpen ? v > min : v >= min) && v <= max;
        }
    }

    private static final double INF = Double.POSITIVE_INFINITY;
    private static final Range AT_LEAST_0 = new Range(0, false, INF, "at least 0");
    private static final Range AT_LEAST_1 = new Range(1, false, INF, "at least 1");
    private static final Range POSITIVE = new Range(0, true, INF, "greater than 0");
    private static final Range ANY = new Range(-INF, false, INF, "a finite number");
    private static final Range FRACTION = new Range(0, true, 1, "greater than 0 and at most 1");

    /** Option name, or "command option" where one command differs from the others. */
    static final Map<String, Range> RULES = Map.ofEntries(
            Map.entry("--batch", AT_LEAST_1),
            Map.entry("--limit", AT_LEAST_0),
            Map.entry("--threads", AT_LEAST_0),
            Map.entry("--samples", AT_LEAST_1),
            Map.entry("--networks", AT_LEAST_1),
            Map.entry("--candidates", AT_LEAST_1),
            Map.entry("--max-networks", AT_LEAST_1),
            Map.entry("--seed", ANY),
            Map.entry("--percentile", new Range(50, false, 100, "between 50 and 100")),
            Map.entry("--calib-images", AT_LEAST_1),
            Map.entry("search --calib-images", AT_LEAST_0),
            Map.entry("--val-images", AT_LEAST_0),
            Map.entry("--warmup", AT_LEAST_0),
            Map.entry("--runs", AT_LEAST_1),
            Map.entry("--epochs", AT_LEAST_1),
            Map.entry("--lr", POSITIVE),
            Map.entry("--weight-decay", AT_LEAST_0),
            Map.entry("--warmup-epochs", AT_LEAST_0),
            Map.entry("--scale-min", POSITIVE),
            Map.entry("--scale-max", POSITIVE),
            Map.entry("--color-jitter", new Range(0, false, 1, "between 0 and 1")),
            Map.entry("--kd-weight", AT_LEAST_0),
            Map.entry("--ohem-fraction", new Range(0, false, 0.999, "0 (off) or below 1")),
            Map.entry("--kd-temperature", POSITIVE),
            Map.entry("--val-limit", AT_LEAST_0),
            Map.entry("--train-limit", AT_LEAST_0),
            Map.entry("--val-subset", AT_LEAST_1),
            Map.entry("--population", new Range(2, false, INF, "at least 2")),
            Map.entry("--generations", AT_LEAST_1),
            Map.entry("--finetune-epochs", AT_LEAST_0),
            Map.entry("--finetune-limit", AT_LEAST_0),
            Map.entry("--finetune-networks", AT_LEAST_0),
            Map.entry("--finetune-batch", AT_LEAST_1),
            Map.entry("--finetune-lr", POSITIVE),
            Map.entry("--focus-networks", AT_LEAST_0),
            Map.entry("--focus-epochs", AT_LEAST_0),
            Map.entry("--max-drop", new Range(0, false, 100, "between 0 and 100 mIoU points")),
            Map.entry("--target-ci", FRACTION),
            Map.entry("--target-speedup", new Range(0, false, 100, "0 (no target) or between 1 and 100")),
            Map.entry("--max-seconds-per-entry", POSITIVE),
            Map.entry("--min-samples", AT_LEAST_1),
            Map.entry("--max-samples", AT_LEAST_1),
            Map.entry("--group-size", AT_LEAST_1),
            Map.entry("--reps", AT_LEAST_1),
            Map.entry("--calibrate", AT_LEAST_0),
            Map.entry("--baud", new Range(300, false, 12_000_000, "between 300 and 12000000")),
            Map.entry("--fc-mhz", new Range(0, true, 500, "greater than 0 and at most 500")),
            Map.entry("--cl-mhz", new Range(0, true, 500, "greater than 0 and at most 500")),
            Map.entry("--adb-server-port", new Range(1, false, 65535, "a TCP port (1-65535)")),
            Map.entry("--listen-ms", AT_LEAST_1),
            Map.entry("--top", AT_LEAST_0),
            Map.entry("--threshold", POSITIVE),
            Map.entry("--max-share", FRACTION),
            Map.entry("--min-ms", AT_LEAST_0),
            Map.entry("--train", AT_LEAST_0),
            Map.entry("--val", AT_LEAST_1),
            Map.entry("--gap8-images", AT_LEAST_1),
            Map.entry("--size", new Range(16, false, 4096, "between 16 and 4096")));

    private OptionRanges() {
    }

    /** Checks the options of the command that will run (the last subcommand on the line). */
    static void check(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        while (leaf.subcommand() != null) {
            leaf = leaf.subcommand();
        }
        CommandSpec spec = leaf.commandSpec();
        for (OptionSpec o : spec.options()) {
            if (!isNumeric(o)) {
                continue;
            }
            Object v = o.getValue();
            if (v == null) {
                continue;
            }
            Range r = rule(spec, o);
            if (r == null && BackendMixins.owner(spec, o.longestName()) != null) {
                continue; // a backend's own option without a rule here: the backend checks its value (check(config))
            }
            if (r == null) {
                throw new IllegalStateException("no range rule for numeric option " + o.longestName() + " of "
                        + spec.qualifiedName());
            }
            double d = ((Number) v).doubleValue();
            if (!r.allows(d)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '"
                        + o.longestName() + "': " + format(v) + " (must be " + r.meaning() + ")");
            }
        }
    }

    static Range rule(CommandSpec spec, OptionSpec o) {
        Range own = RULES.get(spec.name() + " " + o.longestName());
        return own != null ? own : RULES.get(o.longestName());
    }

    static boolean isNumeric(OptionSpec o) {
        Class<?> t = o.type();
        return List.of(int.class, long.class, double.class, float.class, Integer.class, Long.class, Double.class,
                Float.class).contains(t);
    }

    private static String format(Object v) {
        return v instanceof Double d && d == Math.rint(d) && Double.isFinite(d) ? Long.toString(d.longValue()) : v.toString();
    }
}
