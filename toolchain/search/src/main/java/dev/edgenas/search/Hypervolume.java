package dev.edgenas.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Exact hypervolume of a set of minimisation points against a fixed reference point (recursive slicing over
 * the first objective; fronts here hold tens of points). Callers normalise objectives the same way in every
 * run, so that values compare across runs and algorithms.
 */
public final class Hypervolume {
    private Hypervolume() {
    }

    public static double of(List<double[]> points, double[] reference) {
        List<double[]> inside = new ArrayList<>();
        for (double[] p : points) {
            boolean ok = true;
            for (int i = 0; i < reference.length; i++) {
                ok &= p[i] < reference[i];
            }
            if (ok) {
                inside.add(p);
            }
        }
        return volume(inside, reference, reference.length);
    }

    private static double volume(List<double[]> pts, double[] ref, int dims) {
        if (pts.isEmpty()) {
            return 0;
        }
        if (dims == 1) {
            return ref[0] - pts.stream().mapToDouble(p -> p[0]).min().orElse(ref[0]);
        }
        int d = dims - 1;
        List<double[]> sorted = new ArrayList<>(pts);
        sorted.sort(Comparator.comparingDouble(p -> p[d]));
        double total = 0;
        for (int i = 0; i < sorted.size(); i++) {
            double lo = sorted.get(i)[d];
            double hi = i + 1 < sorted.size() ? sorted.get(i + 1)[d] : ref[d];
            if (hi > lo) {
                total += (hi - lo) * volume(sorted.subList(0, i + 1), ref, d);
            }
        }
        return total;
    }
}
