package dev.edgenas.android;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.util.Locale;

/** Which CPUs the agent is pinned to: "big", "little", "all" or a hex mask such as 0xf0. */
public record CoreSelection(String spec) {
    public static CoreSelection parse(String spec) {
        String s = spec.strip().toLowerCase(Locale.ROOT);
        if (!s.matches("big|little|all|(0x)?[0-9a-f]{1,16}")) {
            throw new EdgenasException(ExitCode.USAGE, "--cores " + spec + ": expected big, little, all or a hex mask like 0xf0");
        }
        return new CoreSelection(s);
    }

    /** The taskset mask on this phone; a hex mask must name CPUs the phone has. */
    public long mask(AndroidDeviceFacts facts) {
        long all = facts.allCpusMask();
        long m = switch (spec) {
            case "big" -> facts.bigCluster().mask();
            case "little" -> facts.littleCluster().mask();
            case "all" -> all;
            default -> Long.parseUnsignedLong(spec.replaceFirst("^0x", ""), 16);
        };
        if (m == 0 || (m & ~all) != 0) {
            throw new EdgenasException(ExitCode.USAGE, "--cores " + spec + ": mask 0x" + Long.toHexString(m)
                    + " names CPUs the phone does not have (it has mask 0x" + Long.toHexString(all) + ")");
        }
        return m;
    }

    public static String hex(long mask) {
        return Long.toHexString(mask);
    }
}
