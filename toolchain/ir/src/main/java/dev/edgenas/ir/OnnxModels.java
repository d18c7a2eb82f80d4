package dev.edgenas.ir;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes ONNX ModelProto files; every error names the file. */
public final class OnnxModels {
    private OnnxModels() {
    }

    public static ModelProto read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream cis = CodedInputStream.newInstance(in);
            cis.setRecursionLimit(256);
            cis.setSizeLimit(Integer.MAX_VALUE);
            ModelProto m = ModelProto.parseFrom(cis);
            if (!m.hasGraph() || m.getGraph().getNodeCount() == 0) {
                throw BadInputException.at(file, "graph", "no graph or an empty graph: not an ONNX model");
            }
            return m;
        } catch (NoSuchFileException e) {
            throw BadInputException.at(file, null, "file not found");
        } catch (InvalidProtocolBufferException e) {
            throw BadInputException.at(file, null, "not a valid ONNX model (truncated or corrupt protobuf: "
                    + e.getMessage() + ")");
        } catch (IOException e) {
            throw BadInputException.at(file, null, "cannot read: " + e.getMessage());
        }
    }

    public static ModelProto parse(byte[] bytes) {
        try {
            return ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new BadInputException("not a valid ONNX model: " + e.getMessage(), e);
        }
    }

    /** Writes atomically: a killed process never leaves a truncated model behind. */
    public static void write(ModelProto model, Path file) {
        AtomicFiles.write(file, model::writeTo);
    }
}
