package dev.edgenas.ir;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Preprocessing and label facts stored inside every model edgenas writes (ONNX metadata_props key
 * {@value #KEY}), so that eval, train, search and deploy read them from the model itself.
 *
 * @param inputName   graph input (NCHW float)
 * @param outputName  graph output: logits NCHW at input resolution
 * @param height      input height the model was built for
 * @param width       input width
 * @param mean        per-channel mean applied to x/255
 * @param std         per-channel std applied after the mean
 * @param classes     class names, index = label id
 * @param ignoreLabel label excluded from loss and metrics
 */
public record ModelMetadata(String inputName, String outputName, int height, int width,
                            float[] mean, float[] std, List<String> classes, int ignoreLabel) {
    public static final String KEY = "edgenas.preprocess";
    /** Architecture description written by the model builder (JSON). */
    public static final String ARCHITECTURE_KEY = "edgenas.architecture";
    /** Provenance of the model file (JSON). */
    public static final String PROVENANCE_KEY = "edgenas.provenance";

    public int numClasses() {
        return classes.size();
    }

    public String toJson() {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().without(
                    com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the metadata of a model; a model without it is a bad input naming the file. */
    public static ModelMetadata of(ModelProto model, Path file) {
        String json = property(model, KEY).orElseThrow(() -> BadInputException.at(file, "metadata_props." + KEY,
                "missing: this model was not written by edgenas; add preprocessing metadata with "
                        + "'edgenas model import'"));
        try {
            ModelMetadata m = Json.MAPPER.readValue(json, ModelMetadata.class);
            if (m.mean == null || m.std == null || m.mean.length != 3 || m.std.length != 3) {
                throw BadInputException.at(file, "metadata_props." + KEY + ".mean/std", "need 3 values each");
            }
            if (m.classes == null || m.classes.isEmpty()) {
                throw BadInputException.at(file, "metadata_props." + KEY + ".classes", "no class names");
            }
            return m;
        } catch (JsonProcessingException e) {
            throw BadInputException.at(file, "metadata_props." + KEY, "invalid JSON: " + e.getOriginalMessage());
        }
    }

    public static Optional<String> property(ModelProto model, String key) {
        return model.getMetadataPropsList().stream().filter(p -> p.getKey().equals(key))
                .map(StringStringEntryProto::getValue).findFirst();
    }

    /** Returns a copy of the model with the property set (replacing an existing one). */
    public static ModelProto withProperty(ModelProto model, String key, String value) {
        ModelProto.Builder b = model.toBuilder().clearMetadataProps();
        for (StringStringEntryProto p : model.getMetadataPropsList()) {
            if (!p.getKey().equals(key)) {
                b.addMetadataProps(p);
            }
        }
        b.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
        return b.build();
    }
}
