package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (timeout, a lab script, systemd) ends a search cleanly: exit 143, no JVM crash report, a journal the
 * next run resumes. Before {@code NativeCalls}, a search of the default model stopped with SIGTERM while scoring
 * crashed in ONNX Runtime in 1 of 4 to 3 of 10 kills (SIGSEGV, exit 134, an hs_err file in the working folder):
 * ORT's own shutdown hook released its environment while scoring threads were still inside it.
 */
class SignalExitTest {
    @TempDir
    static Path tmp;

    @Test
    void sigtermWhileScoringExitsWith143WithoutACrashAndTheSearchResumes() throws Exception {
        BatteryFixtures f = new BatteryFixtures(tmp);
        Path out = tmp.resolve("search");
        Path journal = out.resolve("journal.jsonl");
        String[] args = {"search", "--model", f.model.toString(), "--data", f.data.toString(), "--out",
            out.toString(), "--latency-table", f.table.toString(), "--population", "8", "--generations", "12",
            "--val-subset", "4", "--finetune-epochs", "0", "--threads", "2", "--no-progress", "--resume"};
        int kills = 0;
        for (int round = 0; round < 5; round++) {
            long before = lines(journal);
            Path log = tmp.resolve("search-" + round + ".log");
            Process p = ChildCli.start(tmp, log, args);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // kill while it scores: a few records past what the earlier rounds left, at a different count each round
            while (p.isAlive() && lines(journal) < before + 2 + round && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (!p.isAlive()) {
                break; // finished before this round's kill: nothing left to interrupt
            }
            p.destroy(); // SIGTERM on Linux
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "no exit within 60 s of SIGTERM: " + Files.readString(log));
            assertEquals(dev.edgenas.core.ExitCode.TERMINATED.code(), p.exitValue(), "exit status after SIGTERM (134 = the JVM crashed): "
                    + Files.readString(log));
            kills++;
        }
        assertEquals(List.of(), ChildCli.crashReports(tmp), "JVM crash reports");
        assertTrue(kills >= 3, "only " + kills + " kills landed while scoring");
        java.util.Set<String> kept = genomes(journal);
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.code(), r.err());
        String report = Files.readString(out.resolve("report.md"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("evaluations: (\\d+) computed in this process")
                .matcher(report);
        assertTrue(m.find(), report);
        long computed = Long.parseLong(m.group(1));
        java.util.Set<String> all = genomes(journal);
        assertTrue(all.containsAll(kept), "the journal lost records");
        assertEquals(all.size() - kept.size(), computed, "the rerun computes exactly what the killed runs had not "
                + "journaled (" + kept.size() + " networks kept)");
    }

    /** The networks of a journal's complete records (a line torn by a kill is not one). */
    private static java.util.Set<String> genomes(Path journal) throws Exception {
        java.util.Set<String> g = new java.util.HashSet<>();
        for (String line : Files.readAllLines(journal)) {
            try {
                com.fasterxml.jackson.databind.JsonNode n = dev.edgenas.core.Json.readTreeString(line);
                if (n.hasNonNull("genome")) {
                    g.add(n.get("genome").asText());
                }
            } catch (RuntimeException torn) {
                // the last line, cut mid-write: the resumed run drops it
            }
        }
        return g;
    }

    private static long lines(Path file) throws Exception {
        if (!Files.exists(file)) {
            return 0;
        }
        try (var s = Files.lines(file)) {
            return s.count();
        }
    }
}
