package dev.edgenas.scaleout;

import dev.edgenas.ir.OnnxModels;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.search.CandidateEvaluator;
import dev.edgenas.search.SearchRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The evaluators of an executor JVM, one per run: built from the broadcast inputs on the first task, then shared
 * by the executor's task threads (an evaluator is a pure function, safe to call concurrently).
 */
final class WorkerEvaluators {
    private static final Map<String, CandidateEvaluator> BY_RUN = new ConcurrentHashMap<>();

    private WorkerEvaluators() {
    }

    static CandidateEvaluator of(SearchPayload p) {
        return BY_RUN.computeIfAbsent(p.id(), id -> build(p));
    }

    private static CandidateEvaluator build(SearchPayload p) {
        try {
            // the path-based readers name a file in their errors: the inputs get one, under their own names
            Path dir = Files.createTempDirectory("edgenas-run-");
            dir.toFile().deleteOnExit();
            Path model = Files.write(dir.resolve(p.modelName()), p.model());
            List<LatencyTable> tables = new ArrayList<>();
            for (int i = 0; i < p.tables().size(); i++) {
                Path t = Files.write(dir.resolve(i + "-" + p.tableNames().get(i)), p.tables().get(i));
                tables.add(LatencyTable.readForPrediction(t));
            }
            return SearchRunner.evaluator(OnnxModels.read(model), model, SearchPayload.Images.data(p.val()),
                    SearchPayload.Images.data(p.calib()), tables, p.fixBackbone(), p.memoryBudget());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the search inputs on this worker", e);
        }
    }
}
