package dev.edgenas.models;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import dev.edgenas.ir.ModelMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything needed to build one DeepLabV3+ (MobileNetV2 backbone) network. Plain data: construct freely,
 * then {@link #validate()} (the builder and the readers validate for you). Stored in every built model
 * under {@link ModelMetadata#ARCHITECTURE_KEY}.
 *
 * @param inputHeight input height; must be divisible by the output stride
 * @param inputWidth  input width; must be divisible by the output stride
 * @param classes     class names, index = label id; their count is the number of output channels
 * @param mean        per-channel mean applied to x/255 (RGB)
 * @param std         per-channel std applied after the mean
 * @param ignoreLabel label excluded from loss and metrics (not a class id)
 * @param backbone    MobileNetV2 backbone
 * @param aspp        atrous spatial pyramid pooling head
 * @param decoder     DeepLabV3+ decoder and classifier
 */
public record DeepLabConfig(int inputHeight, int inputWidth, List<String> classes, List<Double> mean,
                            List<Double> std, int ignoreLabel, BackboneConfig backbone, AsppConfig aspp,
                            DecoderConfig decoder) {

    public static final List<Double> IMAGENET_MEAN = List.of(0.485, 0.456, 0.406);
    public static final List<Double> IMAGENET_STD = List.of(0.229, 0.224, 0.225);
    public static final int DEFAULT_IGNORE_LABEL = 255;

    /** Files must spell out every field: a forgotten boolean must not silently mean false. */
    private static final ObjectReader STRICT_READER = Json.MAPPER.readerFor(DeepLabConfig.class)
            .with(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    public DeepLabConfig {
        classes = copy(classes);
        mean = copy(mean);
        std = copy(std);
    }

    public int numClasses() {
        return classes.size();
    }

    /** Throws {@link InvalidConfigException} naming the first bad field; returns this otherwise. */
    public DeepLabConfig validate() {
        DeepLabConfigValidator.validate(this);
        return this;
    }

    /** Channel and stride layout of the backbone (validates first). */
    public BackboneLayout backboneLayout() {
        validate();
        return BackboneLayout.of(backbone);
    }

    public DeepLabConfig withInput(int height, int width) {
        return new DeepLabConfig(height, width, classes, mean, std, ignoreLabel, backbone, aspp, decoder);
    }

    public DeepLabConfig withClasses(List<String> names) {
        return new DeepLabConfig(inputHeight, inputWidth, names, mean, std, ignoreLabel, backbone, aspp, decoder);
    }

    public DeepLabConfig withBackbone(BackboneConfig b) {
        return new DeepLabConfig(inputHeight, inputWidth, classes, mean, std, ignoreLabel, b, aspp, decoder);
    }

    public DeepLabConfig withAspp(AsppConfig a) {
        return new DeepLabConfig(inputHeight, inputWidth, classes, mean, std, ignoreLabel, backbone, a, decoder);
    }

    public DeepLabConfig withDecoder(DecoderConfig d) {
        return new DeepLabConfig(inputHeight, inputWidth, classes, mean, std, ignoreLabel, backbone, aspp, d);
    }

    /** Compact one-line JSON (the form stored in model metadata). */
    public String toJson() {
        try {
            return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise model config", e);
        }
    }

    /** Parses and validates; errors name the field (source names the origin, e.g. a file). */
    public static DeepLabConfig fromJson(String json, String source) {
        DeepLabConfig cfg;
        try {
            cfg = STRICT_READER.readValue(json);
        } catch (UnrecognizedPropertyException e) {
            throw new BadInputException(source + ": " + path(e) + ": unknown field; known fields: "
                    + e.getKnownPropertyIds(), e);
        } catch (JsonMappingException e) {
            String problem = e.getOriginalMessage().startsWith("Missing creator property")
                    ? "missing (every field must be given)" : e.getOriginalMessage();
            throw new BadInputException(source + ": " + path(e) + ": " + problem, e);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (cfg == null) {
            throw new BadInputException(source + ": empty model config");
        }
        try {
            return cfg.validate();
        } catch (InvalidConfigException e) {
            throw new BadInputException(source + ": " + e.field() + ": " + e.problem(), e);
        }
    }

    public static DeepLabConfig read(Path file) {
        try {
            return fromJson(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw BadInputException.at(file, null, "file not found");
        } catch (IOException e) {
            throw BadInputException.at(file, null, "cannot read: " + e.getMessage());
        }
    }

    /** Writes pretty JSON atomically. */
    public void write(Path file) {
        AtomicFiles.writeString(file, Json.write(this) + "\n");
    }

    /** The config a model was built from (its {@link ModelMetadata#ARCHITECTURE_KEY} property). */
    public static DeepLabConfig ofModel(ModelProto model, Path file) {
        String json = ModelMetadata.property(model, ModelMetadata.ARCHITECTURE_KEY).orElseThrow(
                () -> BadInputException.at(file, "metadata_props." + ModelMetadata.ARCHITECTURE_KEY,
                        "missing: not a DeepLabV3+ model built by edgenas"));
        return fromJson(json, file + ": metadata_props." + ModelMetadata.ARCHITECTURE_KEY);
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(root)" : sb.toString();
    }

    private static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
