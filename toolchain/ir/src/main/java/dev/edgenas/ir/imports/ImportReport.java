package dev.edgenas.ir.imports;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.ir.ModelMetadata;
import java.util.List;
import java.util.Map;

/**
 * The result of normalising a raw export: the model and what changed, change name -> count
 * (only changes that happened), plus the preprocessing facts that were defaulted rather than given.
 */
public record ImportReport(ModelProto model, ModelMetadata metadata, Map<String, Integer> changes,
                           List<String> defaulted) {
    /** One line for the console: "made the batch symbolic, folded 3 shape chains, ...". */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        changes.forEach((what, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(phrase(what, n)));
        if (sb.length() == 0) {
            sb.append("no graph changes");
        }
        if (!defaulted.isEmpty()) {
            sb.append("; defaulted ").append(String.join(", ", defaulted));
        }
        return sb.toString();
    }

    private static String phrase(String what, int n) {
        return switch (what) {
            case ExportNormaliser.METADATA -> "added " + ModelMetadata.KEY + " metadata";
            case ExportNormaliser.BATCH -> "made the batch symbolic";
            default -> n + " " + what;
        };
    }
}
