package dev.edgenas.ir;

import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.edgenas.core.BadInputException;
import java.nio.file.Path;

/**
 * The class count a model predicts, checked before any long work: the metadata's class names, the
 * graph output's channels and the dataset's classes must agree (a mismatch otherwise surfaces late,
 * as a tensor-size error deep inside training or evaluation).
 */
public final class ClassCheck {
    private ClassCheck() {
    }

    /**
     * @param datasetClasses classes of the dataset the model is trained or evaluated on
     * @param datasetFile    the dataset's description file (named in the error)
     */
    public static void check(Graph g, ModelMetadata meta, int datasetClasses, Path datasetFile) {
        if (meta.numClasses() != datasetClasses) {
            throw BadInputException.at(datasetFile, "classes", "the dataset has " + datasetClasses
                    + " classes but the model " + (g.source() == null ? "" : g.source() + " ") + "predicts " + meta.numClasses());
        }
        long channels = outputChannels(g, meta);
        if (channels != meta.numClasses()) {
            throw BadInputException.at(g.source(), "graph.output." + meta.outputName() + ".shape[1]", channels
                    + " channels, but metadata_props." + ModelMetadata.KEY + ".classes names " + meta.numClasses()
                    + " classes");
        }
    }

    /** Channels of the model's logits output, from the declared shape or by shape inference. */
    public static long outputChannels(Graph g, ModelMetadata meta) {
        for (ValueInfoProto v : g.outputs()) {
            if (v.getName().equals(meta.outputName())) {
                var dims = v.getType().getTensorType().getShape().getDimList();
                if (dims.size() == 4 && dims.get(1).hasDimValue() && dims.get(1).getDimValue() > 0) {
                    return dims.get(1).getDimValue();
                }
            }
        }
        TensorInfo t = ShapeInference.infer(g, 1).get(meta.outputName());
        if (t == null) {
            throw BadInputException.at(g.source(), "metadata_props." + ModelMetadata.KEY + ".outputName",
                    "'" + meta.outputName() + "' is not a tensor of the graph");
        }
        return t.dim(1);
    }
}
