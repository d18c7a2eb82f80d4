package dev.edgenas.train;

import ai.djl.ndarray.NDManager;
import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Checksums;
import dev.edgenas.data.VocDataset;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.train.onnx.OnnxNetwork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a run holds: engine, student (and teacher) networks, optimizer, data, recipe, and the
 * checkpoint it resumes from. Checks that model, teacher and dataset agree before any work starts.
 */
final class TrainingSetup implements AutoCloseable {
    private final TrainOptions options;
    private final ModelProto model;
    private final Path modelSource;
    private final ModelMetadata meta;
    private final int threads;
    private final NDManager manager;
    private final OnnxNetwork net;
    private final OnnxNetwork teacher;
    private final ParameterOptimizer optimizer;
    private final SampleSource train;
    private final SampleSource val;
    private final Map<String, Object> recipe;
    private final float[] classWeights;
    private final Checkpoints.Loaded resumed;

    TrainingSetup(ModelProto model, Path modelSource, TrainOptions o) {
        this.options = o;
        this.model = model;
        this.modelSource = modelSource;
        this.meta = ModelMetadata.of(model, modelSource);
        this.threads = o.threads > 0 ? o.threads : Runtime.getRuntime().availableProcessors();
        VocDataset trainSet = VocDataset.open(o.data, o.trainSplit);
        VocDataset valSet = VocDataset.open(o.data, o.valSplit);
        if (trainSet.numClasses() != meta.numClasses()) {
            throw BadInputException.at(o.data.resolve("dataset.json"), "classes", "the dataset has "
                    + trainSet.numClasses() + " classes but the model " + (modelSource == null ? "" : modelSource + " ")
                    + "predicts " + meta.numClasses());
        }
        // the graph's logits must have as many channels as the metadata names classes
        dev.edgenas.ir.ClassCheck.check(dev.edgenas.ir.Graph.of(model, modelSource), meta, trainSet.numClasses(),
                o.data.resolve("dataset.json"));
        float[] mean = meta.mean();
        float[] std = meta.std();
        this.train = new SampleSource(trainSet, o.trainLimit, meta.width(), meta.height(), mean, std);
        this.val = new SampleSource(valSet, o.valLimit, meta.width(), meta.height(), mean, std);
        if (train.size() < o.batch) {
            throw new BadInputException("train option --batch: " + o.batch + " is more than the " + train.size()
                    + " training images of " + o.data);
        }
        this.classWeights = ClassWeights.of(o.classWeights, train, meta.numClasses());
        String modelSha = modelSource != null && Files.isRegularFile(modelSource) ? Checksums.sha256(modelSource)
                : Checksums.sha256(model.toByteArray());
        String teacherSha = o.teacher == null ? null : Checksums.sha256(o.teacher);
        this.recipe = Recipe.of(o, modelSha, teacherSha, classWeights);
        this.resumed = o.resume ? Checkpoints.load(o.effectiveCheckpointDir(), recipe).orElse(null) : null;
        this.manager = TorchRuntime.newManager(threads);
        try {
            ModelProto start = resumed == null ? model : resumed.model();
            this.net = OnnxNetwork.of(start, modelSource, manager);
            this.teacher = o.teacher == null ? null : loadTeacher(o.teacher);
            this.optimizer = new ParameterOptimizer(o, net.trainableParameters(), manager);
            if (resumed != null) {
                optimizer.restore(resumed.optimizer(), resumed.state().optimizerSteps());
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private OnnxNetwork loadTeacher(Path file) {
        ModelProto t = OnnxModels.read(file);
        ModelMetadata tm = ModelMetadata.of(t, file);
        if (tm.numClasses() != meta.numClasses() || tm.height() != meta.height() || tm.width() != meta.width()) {
            throw BadInputException.at(file, "metadata_props." + ModelMetadata.KEY, "the teacher takes "
                    + tm.width() + "x" + tm.height() + " and predicts " + tm.numClasses() + " classes; the student "
                    + meta.width() + "x" + meta.height() + " and " + meta.numClasses());
        }
        return OnnxNetwork.of(t, file, manager);
    }

    TrainOptions options() {
        return options;
    }

    ModelProto model() {
        return model;
    }

    Path modelSource() {
        return modelSource;
    }

    ModelMetadata meta() {
        return meta;
    }

    int threads() {
        return threads;
    }

    NDManager manager() {
        return manager;
    }

    OnnxNetwork net() {
        return net;
    }

    OnnxNetwork teacher() {
        return teacher;
    }

    ParameterOptimizer optimizer() {
        return optimizer;
    }

    /** Per-class loss weights, or null for none. */
    float[] classWeights() {
        return classWeights;
    }

    SampleSource train() {
        return train;
    }

    SampleSource val() {
        return val;
    }

    Map<String, Object> recipe() {
        return recipe;
    }

    Checkpoints.Loaded resumed() {
        return resumed;
    }

    @Override
    public void close() {
        manager.close();
    }
}
