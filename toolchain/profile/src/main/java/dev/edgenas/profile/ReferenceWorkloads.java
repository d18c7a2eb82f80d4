package dev.edgenas.profile;

import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.MeasurementPolicy;
import dev.edgenas.latency.ReferenceWorkload;
import dev.edgenas.latency.TableEntry;
import dev.edgenas.profile.cpu.CpuBackend;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The reference workload of a table: three fixed kernels (a 3x3 conv, a 1x1 conv, a depthwise conv, about 0.1 ms
 * each on a desktop core) measured the way the table's entries were, in well under a second. Fixed keys, not the
 * search space's, so that tables of different spaces on one machine share it.
 */
public final class ReferenceWorkloads {
    static final List<String> KEYS = List.of(
            "conv;in=1x32x32x32;out=1x32x32x32;d=1x1;g=1;k=3x3;p=1,1,1,1;s=1x1;act=relu;prec=fp32",
            "conv;in=1x64x32x32;out=1x64x32x32;d=1x1;g=1;k=1x1;p=0,0,0,0;s=1x1;act=none;prec=fp32",
            "dwconv;in=1x64x32x32;out=1x64x32x32;d=1x1;g=64;k=3x3;p=1,1,1,1;s=1x1;act=relu6;prec=fp32");

    /** A short stopping rule: 2 % CI or 0.25 s per kernel. */
    static final MeasurementPolicy POLICY = new MeasurementPolicy(3, 15, 200, 0.02, 0.95, 0.25, true, 3);

    private ReferenceWorkloads() {
    }

    /** The workload's keys in a precision. */
    public static List<KernelKey> keys(String precision) {
        return KEYS.stream().map(k -> KernelKey.parse(k).withPrecision(precision)).toList();
    }

    /** Measures the workload on a backend now. */
    public static ReferenceWorkload measure(DeviceBackend backend, String precision) {
        List<KernelKey> keys = keys(precision);
        String load = CpuBackend.loadAverage();
        Map<KernelKey, TableEntry> m = new InterleavedSampler<KernelKey>(POLICY, 11).measure(keys,
                (ks, warmup, reps) -> TableProfiler.sample(backend, ks, warmup, reps), (k, e) -> { });
        double total = 0;
        for (KernelKey k : keys) {
            total += m.get(k).median();
        }
        return new ReferenceWorkload(keys.stream().map(KernelKey::canonical).toList(), total,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), load);
    }
}
