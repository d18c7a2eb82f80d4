package dev.edgenas.gap8.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Generates a C test program that holds one kernel call's data as initialised arrays and an
 * argument struct written with designated initialisers (as the firmware generator would),
 * builds it against the sanitized kernel objects and runs it. The kernel runs once per
 * simulated team size in {@link #CORE_COUNTS}, each time over an output buffer pre-filled with a
 * different byte, and the outputs must agree: a row that no core writes, or two cores that
 * disagree, makes the runs differ.
 */
final class CHarness {
    static final int[] CORE_COUNTS = {1, 3, 8};
    private static final int[] FILLS = {0x5a, 0xa5, 0x00};
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final StringBuilder decls = new StringBuilder();
    private String outName;
    private int outBytes;
    private String call;
    private String guard = "0";

    CHarness int8s(String name, byte[] v) {
        decls.append("static const int8_t ").append(name).append("[").append(Math.max(1, v.length)).append("] = {");
        for (int i = 0; i < v.length; i++) {
            decls.append(i % 32 == 0 ? "\n  " : "").append(v[i]).append(',');
        }
        decls.append("};\n");
        return this;
    }

    CHarness int32s(String name, int[] v) {
        decls.append("static const int32_t ").append(name).append("[").append(Math.max(1, v.length)).append("] = {");
        for (int i = 0; i < v.length; i++) {
            // INT32_MIN has no literal form in C
            String lit = v[i] == Integer.MIN_VALUE ? "(-2147483647 - 1)" : Integer.toString(v[i]);
            decls.append(i % 16 == 0 ? "\n  " : "").append(lit).append(',');
        }
        decls.append("};\n");
        return this;
    }

    CHarness shifts(String name, int[] v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return int8s(name, b);
    }

    /** Any extra C declaration, e.g. an array of input pointers. */
    CHarness decl(String text) {
        decls.append(text).append('\n');
        return this;
    }

    /** The output buffer (bytes) the run writes; one per harness. */
    CHarness output(String name, int bytes) {
        this.outName = name;
        this.outBytes = bytes;
        decls.append("static int8_t ").append(name).append("[").append(Math.max(1, bytes)).append("];\n");
        return this;
    }

    /** A static args struct named `args` with designated initialisers, and the kernel to call. */
    CHarness kernel(String function, String structType, String... fields) {
        decls.append("static ").append(structType).append(" args = {\n");
        for (String f : fields) {
            decls.append("  .").append(f).append(",\n");
        }
        decls.append("};\n");
        return body(function + "(&args);");
    }

    /** Arbitrary C statement(s) executed once per simulated core. */
    CHarness body(String statement) {
        this.call = statement;
        return this;
    }

    /** A C condition checked once before the runs; true makes the program fail (exit 6). */
    CHarness guard(String condition) {
        this.guard = condition;
        return this;
    }

    String source() {
        StringBuilder s = new StringBuilder();
        s.append("#include <stdint.h>\n#include <stdio.h>\n#include <string.h>\n")
         .append("#include \"pmsis.h\"\n#include \"en_kernels.h\"\n#include \"en_internal.h\"\n")
         .append("int en_stub_core_id = 0;\nint en_stub_nb_cores = 1;\n")
         .append(decls)
         .append("int main(int argc, char **argv)\n{\n")
         .append("  static const int cores[] = {").append(join(CORE_COUNTS)).append("};\n")
         .append("  static const int fills[] = {").append(join(FILLS)).append("};\n")
         .append("  FILE *f;\n  if (argc < 2) { return 2; }\n  f = fopen(argv[1], \"wb\");\n")
         .append("  if (!f) { return 3; }\n")
         .append("  if (").append(guard).append(") { fclose(f); return 6; }\n")
         .append("  for (int run = 0; run < ").append(CORE_COUNTS.length).append("; run++) {\n")
         .append("    memset(").append(outName).append(", fills[run], sizeof ").append(outName).append(");\n")
         .append("    en_stub_nb_cores = cores[run];\n")
         .append("    for (en_stub_core_id = 0; en_stub_core_id < en_stub_nb_cores; en_stub_core_id++) {\n")
         .append("      ").append(call).append("\n    }\n")
         .append("    if (fwrite(").append(outName).append(", 1, ").append(outBytes).append(", f) != ")
         .append(outBytes).append(") { return 4; }\n  }\n")
         .append("  return fclose(f) == 0 ? 0 : 5;\n}\n");
        return s.toString();
    }

    /** Builds and runs; returns the output of the 1-core run after checking all runs agree. */
    byte[] run() {
        if (outName == null || call == null) {
            throw new IllegalStateException("harness needs an output and a kernel call");
        }
        Path dir = KernelSources.workDir();
        String tag = "case" + COUNTER.incrementAndGet();
        Path src = dir.resolve(tag + ".c");
        Path exe = dir.resolve(tag);
        Path out = dir.resolve(tag + ".bin");
        try {
            Files.writeString(src, source());
            KernelSources.linkHost(src, exe, dir);
            Toolchain.run(List.of(exe.toString(), out.toString()), dir, 60);
            byte[] all = Files.readAllBytes(out);
            if (all.length != outBytes * CORE_COUNTS.length) {
                throw new AssertionError(tag + ": expected " + outBytes * CORE_COUNTS.length + " bytes, got " + all.length);
            }
            byte[] first = Arrays.copyOf(all, outBytes);
            for (int r = 1; r < CORE_COUNTS.length; r++) {
                byte[] other = Arrays.copyOfRange(all, r * outBytes, (r + 1) * outBytes);
                if (!Arrays.equals(first, other)) {
                    throw new AssertionError(tag + " (" + src + "): output with " + CORE_COUNTS[r]
                            + " cores differs from 1 core: row split broken");
                }
            }
            for (Path p : List.of(src, exe, out)) { // kept on failure, for the message's path
                Files.deleteIfExists(p);
            }
            return first;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String join(int[] v) {
        return String.join(", ", Arrays.stream(v).mapToObj(Integer::toString).toList());
    }
}
