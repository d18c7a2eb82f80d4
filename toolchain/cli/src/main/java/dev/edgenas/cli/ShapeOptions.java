package dev.edgenas.cli;

import dev.edgenas.ir.Graph;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --batch and --input-size: how a model with symbolic dimensions is shaped (model info, table predict). */
final class ShapeOptions {
    @Option(names = "--batch", defaultValue = "1", description = "Batch size bound to a symbolic batch dimension.")
    int batch;

    @Option(names = "--input-size", paramLabel = "HxW", converter = InputSize.Converter.class,
            description = "Height and width for a model whose input size is symbolic and not in its metadata.")
    InputSize inputSize;

    /** The model, its spatial input size fixed when --input-size was given. */
    Graph read(Path model) {
        return InputSize.apply(Graph.read(model), inputSize);
    }
}
