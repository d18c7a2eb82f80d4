package dev.edgenas.deploy;

import dev.edgenas.ir.Graph;
import dev.edgenas.ir.Kernel;
import dev.edgenas.ir.KernelDetector;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.latency.LatencyPredictor;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.TableFit;
import java.nio.file.Path;
import java.util.List;

/**
 * Predicted latency on a target's table. Kernels are detected on the fp32 graph (Conv+BN+activation
 * fused, as tables key them) and looked up at the table's precision: an int8 table gives the
 * deployed model's latency, an fp32 table the float model's.
 */
final class DeployLatency {
    private DeployLatency() {
    }

    /** A table read and checked before any long work, with what makes it unfit for the target. */
    record Checked(Path file, LatencyTable table, List<String> warnings) {
    }

    static Checked check(Path tableFile, Target target) {
        LatencyTable table = LatencyTable.readForPrediction(tableFile);
        // keys are looked up at the table's own precision, so only the device can be wrong here
        return new Checked(tableFile, table, TableFit.warnings(tableFile, table, null, target.id()));
    }

    static DeployReport.Predicted of(Checked c, Graph fp32) {
        LatencyTable table = c.table();
        String precision = table.provenance().precision() == null ? "fp32" : table.provenance().precision();
        List<KernelKey> keys = KernelDetector.detect(fp32, 1).stream().map(Kernel::key)
                .map(k -> k.withPrecision(precision)).toList();
        dev.edgenas.latency.Prediction p = new LatencyPredictor(table).predict(keys);
        return new DeployReport.Predicted(c.file().toString(), table.provenance().deviceId(), precision, p.ms(),
                p.estimatedCount(), keys.size(), c.warnings().isEmpty() ? null : c.warnings());
    }
}
