package dev.edgenas.scaleout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.search.SearchOptions;
import dev.edgenas.search.SearchRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark engine against the local one: one real standalone cluster (a master and two workers, separate JVMs
 * on 127.0.0.1, started by scripts/spark-cluster.sh) shared by the tests; the kill test runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkSearchTest {
    @TempDir
    static Path tmp;
    static StandaloneCluster cluster;
    static SearchRunner.Outcome local;
    static SearchRunner.Outcome localLong;

    @BeforeAll
    static void start() throws Exception {
        cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2);
        local = SearchRunner.run(SparkFixture.options(tmp, tmp.resolve("local"), 2), null);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void standaloneClusterGivesTheLocalFrontAndJournal() {
        SearchOptions o = SparkFixture.options(tmp, tmp.resolve("standalone"), 2);
        SearchRunner.Outcome r = SparkFixture.spark(o, cluster.url);
        assertFalse(local.pareto().isEmpty());
        assertEquals(SparkFixture.front(local), SparkFixture.front(r));
        assertEquals(local.pareto(), r.pareto());
        assertEquals(local.nsga2().hypervolume(), r.nsga2().hypervolume());
        assertEquals(SparkFixture.journal(tmp.resolve("local")), SparkFixture.journal(o.out));
    }

    @Test
    @Order(2)
    void localModeGivesTheLocalFront() {
        SearchOptions o = SparkFixture.options(tmp, tmp.resolve("local2"), 2);
        SearchRunner.Outcome r = SparkFixture.spark(o, "local[2]");
        assertEquals(local.pareto(), r.pareto());
        assertEquals(SparkFixture.journal(tmp.resolve("local")), SparkFixture.journal(o.out));
    }

    @Test
    @Order(3)
    void workerKilledMidSearchLosesNothingAndScoresNothingTwice() throws Exception {
        SearchRunner.Outcome reference = SearchRunner.run(SparkFixture.options(tmp, tmp.resolve("local3"), 3), null);
        SearchOptions o = SparkFixture.options(tmp, tmp.resolve("killed"), 3);
        Path journal = o.out.resolve("journal.jsonl");
        long victim = cluster.workerPid(1);
        AtomicBoolean killedWhileRunning = new AtomicBoolean();
        Thread killer = new Thread(() -> {
            try {
                // mid-search: a few candidates journalled, the rest of the generation in flight
                while (!Files.exists(journal) || Files.readAllLines(journal).size() < 5) {
                    Thread.sleep(20);
                }
                killedWhileRunning.set(ProcessHandle.of(victim).map(ProcessHandle::isAlive).orElse(false));
                new ProcessBuilder("kill", "-9", String.valueOf(victim)).start().waitFor();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int lostBefore = LostTasks.COUNT.get();
        killer.start();
        SearchRunner.Outcome r = SparkFixture.spark(o, cluster.url);
        killer.join();
        assertTrue(killedWhileRunning.get(), "the worker was alive when killed");
        assertFalse(ProcessHandle.of(victim).map(ProcessHandle::isAlive).orElse(false));
        assertTrue(LostTasks.COUNT.get() > lostBefore, "a task was running on the killed worker and was re-run");
        int before = 5 - 1;
        Map<String, String> records = SparkFixture.journal(o.out); // throws when a genome is scored twice
        assertTrue(records.size() > before, "the search went on after the kill");
        assertEquals(SparkFixture.journal(tmp.resolve("local3")), records);
        assertEquals(reference.pareto(), r.pareto());
    }
}
