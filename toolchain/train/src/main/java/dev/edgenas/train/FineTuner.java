package dev.edgenas.train;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Path;

/**
 * Fine-tuning with knowledge distillation, for the search's Pareto set: a student sub-network
 * (weights inherited from the supernet) learns from the labels and from the supernet's softened
 * predictions.
 */
public final class FineTuner {
    private FineTuner() {
    }

    /**
     * @param student  the sub-network to fine-tune (an edgenas model, in memory)
     * @param name     a name for errors and provenance (e.g. the candidate's file), or null
     * @param teacher  teacher ONNX file (e.g. the trained supernet), or null for labels only
     * @param options  recipe: data, epochs, lr, kdWeight, kdTemperature, out/checkpointDir (may be null)...
     * @return the fine-tuned model with its training record, and the run's figures
     */
    public static Trainer.Outcome fineTune(ModelProto student, Path name, Path teacher, TrainOptions options,
                                           TrainListener listener) {
        TrainOptions o = options.copy();
        o.teacher = teacher;
        return Trainer.train(student, name, o, listener);
    }
}
