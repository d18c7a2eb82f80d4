package dev.edgenas.ir.imports;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.TensorInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The edgenas preprocessing metadata of an imported export, from the graph and the import options. */
final class ImportMetadata {
    private ImportMetadata() {
    }

    static ModelMetadata of(Graph g, Map<String, TensorInfo> info, ImportOptions o, List<String> defaulted) {
        if (g.inputs().size() != 1) {
            throw BadInputException.at(g.source(), "graph.input", g.inputs().size()
                    + " inputs; edgenas takes segmentation models with one image input");
        }
        if (g.outputs().isEmpty()) {
            throw BadInputException.at(g.source(), "graph.output", "no outputs");
        }
        ValueInfoProto in = g.inputs().get(0);
        ValueInfoProto outV = g.outputs().get(0);
        TensorInfo x = info.get(in.getName());
        TensorInfo y = info.get(outV.getName());
        String inField = "graph.input." + in.getName();
        if (x.rank() != 4 || x.dim(1) != 3 || x.elemType() != TensorProto.DataType.FLOAT_VALUE) {
            throw BadInputException.at(g.source(), inField, "is " + x + "; edgenas takes a float NCHW image with 3 channels");
        }
        String outField = "graph.output." + outV.getName();
        if (y == null || y.rank() != 4 || y.dim(2) != x.dim(2) || y.dim(3) != x.dim(3)) {
            throw BadInputException.at(g.source(), outField, "is " + y + "; edgenas takes NCHW logits at the input's "
                    + x.dim(2) + "x" + x.dim(3) + " (upsample inside the model)");
        }
        int channels = (int) y.dim(1);
        List<String> classes = o.classes();
        if (classes != null && o.classesFromDataset() && classes.size() != channels) {
            classes = null;
        }
        if (classes == null) {
            classes = new ArrayList<>();
            for (int i = 0; i < channels; i++) {
                classes.add("class" + i);
            }
            defaulted.add("class names (class0..class" + (channels - 1) + ")");
        } else if (classes.size() != channels) {
            throw BadInputException.at(g.source(), outField + ".shape[1]", channels + " channels, but "
                    + classes.size() + " class names were given");
        }
        float[] mean = o.mean();
        float[] std = o.std();
        if (mean == null || std == null) {
            defaulted.add("mean/std (ImageNet)");
        }
        return new ModelMetadata(in.getName(), outV.getName(), (int) x.dim(2), (int) x.dim(3),
                mean == null ? ImportOptions.IMAGENET_MEAN : mean, std == null ? ImportOptions.IMAGENET_STD : std,
                List.copyOf(classes), o.ignoreLabel());
    }
}
