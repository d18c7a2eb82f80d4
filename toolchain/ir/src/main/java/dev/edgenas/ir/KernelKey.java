package dev.edgenas.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The canonical identity of one fused kernel as a runtime executes it: the only vocabulary shared by
 * kernel detection, profiling, latency tables, prediction and the search's latency objective.
 *
 * <p>Canonical string form (the latency-table key), fields in this order, separated by ';':
 * {@code op;in=1x32x64x64[,1x32x64x64];out=1x64x32x32[;param=value...];act=relu6;prec=fp32}
 * with params sorted by name. Ops and their params:
 * <ul>
 *   <li>{@code conv} (groups 1 or grouped) and {@code dwconv} (groups = in channels = out channels):
 *       {@code k=KHxKW, s=SHxSW, d=DHxDW, g=G, p=top,left,bottom,right}; BatchNorm is folded in.</li>
 *   <li>{@code add}, {@code mul}: elementwise, numpy broadcasting of the second input.</li>
 *   <li>{@code concat}: {@code axis=A}.</li>
 *   <li>{@code resize}: {@code mode=linear|nearest, ctm=half_pixel|align_corners|asymmetric|pytorch_half_pixel}.</li>
 *   <li>{@code maxpool}, {@code avgpool}: {@code k, s, p}; {@code gap}: global average pool.</li>
 *   <li>{@code act}: a standalone activation.</li>
 * </ul>
 * Activations: none, relu, relu6, clip(lo:hi), hardswish, hardsigmoid, sigmoid. Precisions: fp32, int8.
 */
public record KernelKey(String op, List<List<Long>> inputs, List<Long> output,
                        Map<String, String> params, String activation, String precision) {

    public KernelKey {
        inputs = inputs.stream().map(List::copyOf).toList();
        output = List.copyOf(output);
        params = Collections.unmodifiableMap(new TreeMap<>(params));
        if (op.contains(";") || op.isEmpty()) {
            throw new IllegalArgumentException("bad kernel op: " + op);
        }
    }

    /** The canonical key string used in latency tables. */
    public String canonical() {
        StringBuilder sb = new StringBuilder(op);
        sb.append(";in=").append(inputs.stream().map(KernelKey::dims).collect(Collectors.joining(",")));
        sb.append(";out=").append(dims(output));
        params.forEach((k, v) -> sb.append(';').append(k).append('=').append(v));
        sb.append(";act=").append(activation).append(";prec=").append(precision);
        return sb.toString();
    }

    @Override
    public String toString() {
        return canonical();
    }

    /** Parses a canonical key; throws IllegalArgumentException with the offending part. */
    public static KernelKey parse(String s) {
        String[] parts = s.split(";");
        if (parts.length < 5) {
            throw new IllegalArgumentException("kernel key has too few fields: " + s);
        }
        String op = parts[0];
        List<List<Long>> inputs = null;
        List<Long> output = null;
        String act = null;
        String prec = null;
        Map<String, String> params = new TreeMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("kernel key field without '=': " + parts[i]);
            }
            String k = parts[i].substring(0, eq);
            String v = parts[i].substring(eq + 1);
            switch (k) {
                case "in" -> {
                    inputs = new ArrayList<>();
                    for (String d : v.split(",")) {
                        inputs.add(parseDims(d));
                    }
                }
                case "out" -> output = parseDims(v);
                case "act" -> act = v;
                case "prec" -> prec = v;
                default -> params.put(k, v);
            }
        }
        if (inputs == null || output == null || act == null || prec == null) {
            throw new IllegalArgumentException("kernel key lacks in/out/act/prec: " + s);
        }
        return new KernelKey(op, inputs, output, params, act, prec);
    }

    public KernelKey withPrecision(String p) {
        return new KernelKey(op, inputs, output, params, activation, p);
    }

    /** Integer vector param such as k, s, d, p ("3x3" or "1,1,1,1"); null when absent. */
    public int[] intsParam(String name) {
        String v = params.get(name);
        if (v == null) {
            return null;
        }
        String[] t = v.split("[x,]");
        int[] out = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            out[i] = Integer.parseInt(t[i]);
        }
        return out;
    }

    public int intParam(String name, int dflt) {
        String v = params.get(name);
        return v == null ? dflt : Integer.parseInt(v);
    }

    /** Channels of input i (dimension 1 of an NCHW shape). */
    public long inChannels(int i) {
        return inputs.get(i).get(1);
    }

    public long outChannels() {
        return output.get(1);
    }

    public static String dims(List<Long> d) {
        return d.stream().map(String::valueOf).collect(Collectors.joining("x"));
    }

    public static String dims(long[] d) {
        return java.util.Arrays.stream(d).mapToObj(String::valueOf).collect(Collectors.joining("x"));
    }

    private static List<Long> parseDims(String d) {
        List<Long> out = new ArrayList<>();
        for (String x : d.split("x")) {
            out.add(Long.parseLong(x));
        }
        return out;
    }
}
