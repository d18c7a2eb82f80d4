package dev.edgenas.cli;

import dev.edgenas.data.VocDataset;
import dev.edgenas.runtime.EvalResult;
import dev.edgenas.runtime.Evaluator;
import dev.edgenas.runtime.OrtSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a segmentation model with ONNX Runtime: mIoU, per-class IoU, pixel accuracy, images/s.",
        footer = {"%nExamples:", "  edgenas eval --model models/deeplabv3plus-portrait.onnx --data work/data",
            "  edgenas eval --model m.onnx --data VOC2012 --split val --limit 200 --json"})
final class EvalCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--model", required = true, description = "ONNX model (a raw export is normalised as by 'model import').")
    Path model;

    @Option(names = "--data", required = true, description = "Dataset root (VOC layout).")
    Path data;

    @Option(names = "--split", defaultValue = "val", description = "Split (default ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--limit", defaultValue = "0", description = "Evaluate at most N images (0 = all).")
    int limit;

    @Option(names = "--batch", defaultValue = "8", description = "Batch size (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--threads", defaultValue = "0", description = "ONNX Runtime threads (0 = all cores).")
    int threads;

    @Override
    public Integer call() {
        model = RawExports.normalised(model, "eval", data);
        VocDataset ds = VocDataset.open(data, split);
        int n = limit > 0 ? Math.min(limit, ds.size()) : ds.size();
        EvalResult r;
        try (ProgressBar bar = Progress.bar("eval", n, common.progress())) {
            r = Evaluator.evaluate(model, ds, limit, batch, OrtSettings.withThreads(threads), bar::stepTo);
        }
        StringBuilder sb = new StringBuilder(String.format("mIoU %.4f  pixel accuracy %.4f  %d images  %.1f images/s "
                + "(%.1f images/s inside ONNX Runtime; %d threads, batch %d)", r.miou(), r.pixelAccuracy(), r.images(),
                r.imagesPerSecond(), r.inferenceImagesPerSecond(), r.threads(), r.batch()));
        for (Map.Entry<String, Double> e : r.perClassIou().entrySet()) {
            sb.append(String.format("%n  %-14s %.4f", e.getKey(), e.getValue()));
        }
        common.print(r, sb.toString());
        return 0;
    }
}
