package dev.edgenas.cli;

import dev.edgenas.data.SynthSummary;
import dev.edgenas.data.SyntheticPortraits;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "synth", mixinStandardHelpOptions = true,
        description = "Write the built-in synthetic portrait-parsing dataset (VOC layout, deterministic per seed).",
        footer = {"%nExamples:", "  edgenas data synth --out work/data --seed 7",
            "  edgenas data synth --out /tmp/small --train 200 --val 50 --size 64"})
final class DataSynthCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train", defaultValue = "2000", description = "Training images (default ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--val", defaultValue = "500", description = "Validation images (default ${DEFAULT-VALUE}).")
    int val;

    @Option(names = "--size", defaultValue = "128", description = "Image side in pixels (default ${DEFAULT-VALUE}).")
    int size;

    @Override
    public Integer call() {
        SynthSummary s = SyntheticPortraits.generate(out, seed, train, val, size);
        common.print(s, String.format("wrote %d train + %d val images (%dx%d, seed %d) to %s in %.1f s",
                s.trainCount(), s.valCount(), size, size, seed, s.root(), s.elapsedMs() / 1000.0));
        return 0;
    }
}
