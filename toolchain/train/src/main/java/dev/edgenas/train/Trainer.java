package dev.edgenas.train;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.ir.OnnxModels;
import java.nio.file.Path;

/**
 * Trains an edgenas ONNX model on a VOC-layout dataset with DJL's PyTorch engine and writes the
 * trained weights back into the same ONNX graph. See docs/TRAINING.md for the recipe.
 */
public final class Trainer {
    private Trainer() {
    }

    /** The trained model (weights and metadata written back) and the run's figures. */
    public record Outcome(ModelProto model, TrainResult result) {
    }

    /** Trains {@code options.model}; writes {@code options.out} when set. */
    public static TrainResult run(TrainOptions options, TrainListener listener) {
        if (options.model == null) {
            throw new BadInputException("train option --model: is required");
        }
        ModelProto model = OnnxModels.read(options.model);
        if (options.data != null) {
            // every sample the run will use, read and checked before the first epoch (a broken mask
            // otherwise surfaces at the end of the first epoch's training)
            dev.edgenas.data.VocDataset.open(options.data, options.trainSplit).validate(options.trainLimit);
            dev.edgenas.data.VocDataset.open(options.data, options.valSplit).validate(options.valLimit);
        }
        return train(model, options.model, options, listener).result();
    }

    /**
     * Trains a model held in memory ({@code source} names it in errors and provenance; may be null).
     * {@code options.model} is ignored; {@code options.out} is written when set.
     */
    public static Outcome train(ModelProto model, Path source, TrainOptions options, TrainListener listener) {
        TrainOptions o = options.copy();
        o.model = source;
        o.validate();
        try (TrainingSetup setup = new TrainingSetup(model, source, o)) {
            Outcome out = new TrainingRun(setup, listener == null ? TrainListener.NONE : listener).run();
            if (o.out != null) {
                OnnxModels.write(out.model(), o.out);
            }
            return out;
        }
    }
}
