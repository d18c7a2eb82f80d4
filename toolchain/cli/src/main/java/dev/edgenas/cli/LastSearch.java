package dev.edgenas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The network the last search chose, from its pareto.json: the final pick when the final stage made one, else the
 * most accurate Pareto network (final mIoU where fine-tuned, proxy mIoU otherwise) — what scripts/main-job.sh deploys.
 */
final class LastSearch {
    /** The search folder deploy reads when --model is not given. */
    static final Path DEFAULT_DIR = Path.of("work", "search");

    record Choice(Path model, String why) {
    }

    private LastSearch() {
    }

    static Choice pick(Path searchDir) {
        Path f = searchDir.resolve("pareto.json");
        if (!Files.isRegularFile(f)) {
            throw BadInputException.at(f, null, "no search results here: give --model FILE, or run 'edgenas search' "
                    + "first");
        }
        JsonNode root = Json.readTree(f);
        JsonNode net = root.path("pick").path("network");
        if (net.isObject() && net.hasNonNull("file")) {
            return new Choice(searchDir.resolve(net.get("file").asText()), "the last search's final pick");
        }
        JsonNode best = null;
        double bestMiou = Double.NEGATIVE_INFINITY;
        for (JsonNode e : root.path("pareto")) {
            double m = e.hasNonNull("finalMiou") ? e.get("finalMiou").asDouble() : e.path("proxyMiou").asDouble(Double.NaN);
            if (e.hasNonNull("file") && m > bestMiou) {
                bestMiou = m;
                best = e;
            }
        }
        if (best == null) {
            throw BadInputException.at(f, "pareto", "no network with a file and an mIoU: give --model FILE");
        }
        return new Choice(searchDir.resolve(best.get("file").asText()),
                "the last search's most accurate Pareto network (the search made no final pick)");
    }
}
