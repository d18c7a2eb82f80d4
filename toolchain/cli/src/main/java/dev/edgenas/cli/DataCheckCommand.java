package dev.edgenas.cli;

import dev.edgenas.data.VocDataset;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a dataset split: every image and mask present, sizes equal, labels in range.",
        footer = {"%nExamples:", "  edgenas data check --data work/data --split val"})
final class DataCheckCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--data", required = true, description = "Dataset root (VOC layout).")
    Path data;

    @Option(names = "--split", defaultValue = "val", description = "Split name (default ${DEFAULT-VALUE}).")
    String split;

    @Override
    public Integer call() {
        VocDataset ds = VocDataset.open(data, split);
        ds.validate();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("root", data.toString());
        r.put("split", split);
        r.put("images", ds.size());
        r.put("classes", ds.classNames());
        common.print(r, "ok: " + ds.size() + " images in " + data + " (" + split + "), classes " + ds.classNames());
        return 0;
    }
}
