package dev.edgenas.scaleout;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.core.Json;
import dev.edgenas.models.space.Genome;
import dev.edgenas.search.CandidateScore;
import dev.edgenas.search.EvaluationEngine;
import dev.edgenas.search.SearchOptions;
import dev.edgenas.search.SearchRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Candidate evaluation on Spark. Each evaluation the search asks for is a one-task Spark job submitted from the
 * search's thread (the search keeps a generation's offspring in flight at once, so they run side by side on the
 * cluster's cores); Spark re-runs a task lost with its executor or worker. Only the driver appends to the
 * journal, once per genome, so a re-run task is never journalled twice.
 */
final class SparkSearchEngine implements EvaluationEngine {
    private final JavaSparkContext sc;
    private final Broadcast<SearchPayload> inputs;
    private final ScoreTask task;
    private final int parallelism;
    private final java.util.concurrent.atomic.AtomicInteger jobs = new java.util.concurrent.atomic.AtomicInteger();
    private final Path record;
    private final long started = System.nanoTime();

    SparkSearchEngine(SearchOptions o, SearchRunner.Setup setup, Map<String, String> settings) {
        Map<String, String> props = new java.util.LinkedHashMap<>(settings);
        String master = props.remove("master");
        SparkConf conf = SparkConfs.of("edgenas-search", master, props);
        SearchPayload payload = payload(o, setup);
        try {
            this.sc = new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "cannot start Spark on " + master + ": "
                    + e.getMessage(), e);
        }
        this.inputs = sc.broadcast(payload);
        this.task = new ScoreTask(inputs);
        // a generation's offspring all in flight: the cluster's cores pick them up as they free
        this.parallelism = Math.max(o.population, 2 * sc.defaultParallelism());
        this.record = o.out.resolve("engine.json");
    }

    static SearchPayload payload(SearchOptions o, SearchRunner.Setup setup) {
        try {
            List<String> names = new ArrayList<>();
            List<byte[]> tables = new ArrayList<>();
            // the checksums of the inputs the search read once at its start (SearchInputs), not hashed again
            StringBuilder id = new StringBuilder(setup.inputs().modelSha256());
            for (int i = 0; i < o.latencyTables.size(); i++) {
                Path t = o.latencyTables.get(i);
                names.add(t.getFileName().toString());
                tables.add(Files.readAllBytes(t));
                id.append(':').append(setup.inputs().tableSha256().get(i));
            }
            id.append(':').append(String.join(",", setup.val().ids())).append(':')
                    .append(setup.calib() == null ? "off" : String.join(",", setup.calib().ids()))
                    .append(':').append(o.fixBackbone).append(':').append(o.memoryBudget).append(':').append(System.nanoTime());
            return new SearchPayload(id.toString(), o.model.getFileName().toString(), Files.readAllBytes(o.model),
                    SearchPayload.Images.of(setup.val()), SearchPayload.Images.of(setup.calib()), names, tables,
                    o.fixBackbone, o.memoryBudget);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CandidateScore evaluate(Genome genome) {
        jobs.incrementAndGet();
        List<String> out = sc.parallelize(List.of(genome.key()), 1).map(task).collect();
        try {
            return Json.MAPPER.readValue(out.get(0), CandidateScore.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable score from a Spark task", e);
        }
    }

    /** Cores of the executors registered now (a local master counts as its own threads). */
    int cores() {
        int executors = sc.sc().getExecutorMemoryStatus().size() - 1; // the driver's block manager counts too
        int perExecutor = sc.getConf().getInt("spark.executor.cores", 1);
        return sc.master().startsWith("local") || executors <= 0 ? sc.defaultParallelism() : executors * perExecutor;
    }

    @Override
    public int parallelism() {
        return parallelism;
    }

    /**
     * Provenance of the scores computed here: the journal's header stays engine-neutral (a search resumes on
     * either engine), so the engine that ran is recorded next to it.
     */
    @Override
    public void close() {
        try {
            Map<String, Object> r = new java.util.LinkedHashMap<>();
            r.put("engine", "spark");
            r.put("sparkVersion", sc.version());
            r.put("master", sc.master());
            r.put("applicationId", sc.sc().applicationId());
            r.put("executorCores", cores());
            r.put("evaluations", jobs.get());
            r.put("seconds", (System.nanoTime() - started) / 1e9);
            if (java.nio.file.Files.isDirectory(record.getParent())) {
                dev.edgenas.core.Json.writeFile(record, r);
            }
        } finally {
            sc.stop();
        }
    }
}
