package dev.edgenas.deploy.gap8;

/** Constant C arrays in L2, 24 values a line. */
final class CArrays {
    private final StringBuilder sb = new StringBuilder();
    private final StringBuilder decls = new StringBuilder();

    void int8(String name, byte[] v) {
        decls.append("extern PI_L2 const int8_t ").append(name).append("[").append(v.length).append("];\n");
        sb.append("PI_L2 const int8_t ").append(name).append('[').append(v.length).append("] EN_ALIGNED = {");
        for (int i = 0; i < v.length; i++) {
            sb.append(i % 24 == 0 ? "\n    " : " ").append(v[i]).append(i + 1 < v.length ? "," : "");
        }
        sb.append("\n};\n");
    }

    void int32(String name, int[] v) {
        decls.append("extern PI_L2 const int32_t ").append(name).append("[").append(v.length).append("];\n");
        sb.append("PI_L2 const int32_t ").append(name).append('[').append(v.length).append("] EN_ALIGNED = {");
        for (int i = 0; i < v.length; i++) {
            // INT32_MIN has no literal form in C: write it as an expression
            String lit = v[i] == Integer.MIN_VALUE ? "(-2147483647 - 1)" : Integer.toString(v[i]);
            sb.append(i % 12 == 0 ? "\n    " : " ").append(lit).append(i + 1 < v.length ? "," : "");
        }
        sb.append("\n};\n");
    }

    String declarations() {
        return decls.toString();
    }

    String text() {
        return sb.toString();
    }
}
