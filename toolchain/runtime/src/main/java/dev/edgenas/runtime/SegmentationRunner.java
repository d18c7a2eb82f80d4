package dev.edgenas.runtime;

import ai.djl.MalformedModelException;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * Runs a segmentation model through DJL's ONNX Runtime engine: a batch of normalised CHW images in,
 * per-pixel class ids (argmax of the logits) out. One instance per thread.
 */
public final class SegmentationRunner implements AutoCloseable {
    static {
        DjlSetup.offline();
    }

    private final ZooModel<NDList, NDList> model;
    private final Predictor<NDList, NDList> predictor;
    private final ModelMetadata meta;
    private final Path file;

    public SegmentationRunner(Path modelFile, OrtSettings settings) {
        this.file = modelFile;
        this.meta = ModelMetadata.of(OnnxModels.read(modelFile), modelFile);
        Criteria.Builder<NDList, NDList> c = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(modelFile.toAbsolutePath()).optEngine("OnnxRuntime")
                .optTranslator(new NoopTranslator());
        settings.djlOptions().forEach(c::optOption);
        try {
            this.model = c.build().loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException e) {
            throw new BadInputException(modelFile + ": ONNX Runtime cannot load the model: " + e.getMessage(), e);
        }
        this.predictor = model.newPredictor();
    }

    public ModelMetadata metadata() {
        return meta;
    }

    /** Logits for {@code n} images packed CHW in {@code batch}; returns [n][classes*h*w]. */
    public float[] logits(float[] batch, int n) {
        int h = meta.height();
        int w = meta.width();
        try (NDManager m = NDManager.newBaseManager("OnnxRuntime")) {
            NDArray x = m.create(FloatBuffer.wrap(batch, 0, n * 3 * h * w), new Shape(n, 3, h, w));
            NDList out = predictor.predict(new NDList(x));
            return out.get(0).toFloatArray();
        } catch (TranslateException e) {
            throw new EdgenasException(ExitCode.FAILURE, file + ": inference failed: " + e.getMessage(), e);
        }
    }

    /** Argmax class per pixel for each image of the batch. */
    public int[][] predict(float[] batch, int n) {
        float[] logits = logits(batch, n);
        int classes = meta.numClasses();
        int hw = meta.height() * meta.width();
        if (logits.length != n * classes * hw) {
            throw new EdgenasException(ExitCode.BAD_INPUT, file + ": output " + meta.outputName() + " has "
                    + logits.length + " values, expected " + n + "x" + classes + "x" + hw);
        }
        int[][] out = new int[n][];
        for (int b = 0; b < n; b++) {
            out[b] = Logits.argmax(logits, b, classes, hw);
        }
        return out;
    }

    @Override
    public void close() {
        predictor.close();
        model.close();
    }
}
