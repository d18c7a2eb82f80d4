package dev.edgenas.cli;

import dev.edgenas.latency.KernelLatency;
import dev.edgenas.latency.LatencyPredictor;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.Prediction;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Predict a model's latency from a table, with a per-kernel breakdown.",
            "Keys missing from the table are estimated by regression, marked 'est' and counted."},
        footer = {"%nExamples:", "  edgenas table predict --table latency-tables/cpu-x86.json --model models/deeplabv3plus-portrait.onnx",
            "  edgenas table predict --table t.json --model m.onnx --json"})
final class TablePredictCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--table", required = true, description = "Latency table: a path, or a file name in latency-tables/ or $EDGENAS_HOME/tables/.")
    Path table;

    @Option(names = "--model", required = true, description = "ONNX model.")
    Path model;

    @Mixin
    ShapeOptions shape;

    @Override
    public Integer call() {
        table = TableNames.resolve(table);
        LatencyTable t = LatencyTable.readForPrediction(table);
        String hostNote = TableNames.noteForeign(table, t);
        Prediction p = new LatencyPredictor(t).predict(shape.read(model), shape.batch);
        StringBuilder sb = new StringBuilder(String.format("%s: predicted %.3f ms%s on %s (%d threads, %s); %d kernels, %d "
                        + "estimated%n", model, p.ms(), p.calibratedMs() != null ? " (calibrated)" : "", t.provenance().deviceId(),
                t.provenance().threads(), t.provenance().precision(),
                p.perKernel().size(), p.estimatedCount()));
        sb.append(String.format("  %-36s %9.4f ms  %5.1f %%  per-run overhead%n", "(run)", p.overheadMs(), 100 * p.overheadMs() / p.totalMs()));
        for (KernelLatency k : p.perKernel()) {
            sb.append(String.format("  %-36s %9.4f ms  %5.1f %%  %s%s%n", k.name(), k.ms(), 100 * k.ms() / p.totalMs(),
                    k.estimated() ? "est (" + k.method() + ") " : "", k.key()));
        }
        if (p.calibratedMs() != null) {
            sb.append(String.format("calibrated: %.3f ms (the kernel sum above, %.3f ms, corrected by the table's "
                    + "whole-network calibration, form %s: %s; fit RMSPE %.1f %% -> %.1f %% on %d networks)%n",
                    p.calibratedMs(), p.totalMs(), t.calibration().form(), t.calibration().describe(),
                    100 * t.calibration().rmspeRaw(), 100 * t.calibration().rmspeFit(), t.calibration().networks().size()));
        }
        if (p.estimatedCount() > 0) {
            sb.append(String.format("warning: %d kernel(s) missing from the table were estimated; profile them with "
                    + "'edgenas profile --model %s --out %s'%n", p.estimatedCount(), model, table));
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", model.toString());
        r.put("table", table.toString());
        r.put("device", t.provenance().deviceId());
        r.put("hostNote", hostNote);
        r.put("prediction", p);
        common.print(r, sb.toString().stripTrailing());
        return 0;
    }
}
