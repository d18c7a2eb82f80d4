package dev.edgenas.gap8.memory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The memory a GAP8 board offers the network, per level.
 *
 * @param l1Bytes     cluster L1 (TCDM) size
 * @param l1Usable    L1 left for tiles and scratch after the cluster stacks and runtime
 * @param l2Bytes     L2 size
 * @param l2Reserve   L2 kept for the PMSIS runtime, FC stack, UART and file-system buffers
 * @param codeBytes   firmware code and small data in L2
 * @param l3RamBytes  HyperRAM (weights copied at boot, spilled activations)
 * @param flashBytes  HyperFlash (the weights file of the flash image)
 */
public record MemBudget(long l1Bytes, long l1Usable, long l2Bytes, long l2Reserve, long codeBytes, long l3RamBytes,
                        long flashBytes) implements java.io.Serializable {
    /** L1 the generated code leaves for data: 64 KB - 2 KB master stack - 7 x 1 KB slave stacks - 1 KB runtime. */
    public static final long GAP8_L1_USABLE = 64 * 1024 - 0x800 - 7 * 0x400 - 1024;
    /** Code and small data of the generated firmware before it is measured (rv32imc objects of the default
     * model's project, 77 layer descriptors: 43.4 KB). */
    public static final long CODE_ESTIMATE = 48 * 1024;

    /** GAPuino / AI-deck: 64 KB L1, 512 KB L2, 8 MB HyperRAM, 64 MB HyperFlash. */
    public static final MemBudget GAPUINO = new MemBudget(64 * 1024, GAP8_L1_USABLE, 512 * 1024, 64 * 1024, CODE_ESTIMATE,
            8L << 20, 64L << 20);

    public MemBudget withCode(long bytes) {
        return new MemBudget(l1Bytes, l1Usable, l2Bytes, l2Reserve, bytes, l3RamBytes, flashBytes);
    }

    /** L2 left for activations, weight buffers and staging. */
    public long l2Data() {
        return l2Bytes - l2Reserve - codeBytes;
    }

    /**
     * Parses {@code l1=48k,l2=400k,l3=8m,flash=64m} over the GAPuino defaults: l1 bounds the usable L1, l2 the
     * whole L2 (reserve and code still come off it), l3 the HyperRAM, flash the HyperFlash. Sizes take k/m
     * suffixes (KiB, MiB). Throws IllegalArgumentException naming the bad part.
     */
    public static MemBudget parse(String spec) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + p + "' is not LEVEL=SIZE (levels: l1, l2, l3, flash)");
            }
            String k = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (!k.equals("l1") && !k.equals("l2") && !k.equals("l3") && !k.equals("flash")) {
                throw new IllegalArgumentException("unknown memory level '" + k + "' (levels: l1, l2, l3, flash)");
            }
            v.put(k, size(p.substring(eq + 1).trim()));
        }
        if (v.isEmpty()) {
            throw new IllegalArgumentException("empty memory budget (example: l2=512k,l3=8m)");
        }
        MemBudget d = GAPUINO;
        return new MemBudget(d.l1Bytes, v.getOrDefault("l1", d.l1Usable), v.getOrDefault("l2", d.l2Bytes), d.l2Reserve,
                d.codeBytes, v.getOrDefault("l3", d.l3RamBytes), v.getOrDefault("flash", d.flashBytes));
    }

    static long size(String s) {
        String t = s.toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
        long mul = 1;
        if (t.endsWith("k")) {
            mul = 1024;
            t = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            mul = 1024 * 1024;
            t = t.substring(0, t.length() - 1);
        }
        try {
            double n = Double.parseDouble(t);
            if (!(n > 0) || Double.isInfinite(n)) {
                throw new NumberFormatException();
            }
            return (long) Math.floor(n * mul);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + s + "' is not a positive size (examples: 512k, 8m, 65536)");
        }
    }

    @Override
    public String toString() {
        return String.format("l1=%dk,l2=%dk,l3=%dk,flash=%dk", l1Usable / 1024, l2Bytes / 1024, l3RamBytes / 1024,
                flashBytes / 1024);
    }
}
