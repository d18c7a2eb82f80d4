package dev.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A journal that holds no scored candidate never blocks the next search; one that does is protected. */
class JournalRestartTest {
    @TempDir
    Path dir;

    @Test
    void aHeaderOnlyJournalOfAFailedStartIsStartedAfresh() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        try (Journal j = Journal.open(file, Map.of("tables", "bad"), false)) {
            assertTrue(j.scores().isEmpty()); // the run failed here, before its first candidate
        }
        // a rerun with other inputs (another header), with or without --resume
        try (Journal j = Journal.open(file, Map.of("tables", "good"), false)) {
            j.append(new CandidateScore("g1", 0.5, List.of(1.0), 10, 20, 0.1));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("good"), lines.get(0));
        // now it holds a result: a different search is refused, the same one resumes
        BadInputException e = assertThrows(BadInputException.class, () -> Journal.open(file, Map.of("tables", "x"), false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        try (Journal j = Journal.open(file, Map.of("tables", "good"), true)) {
            assertEquals(1, j.scores().size());
        }
    }

    @Test
    void aHeaderOnlyJournalIsReplacedOnResumeToo() throws Exception {
        Path file = dir.resolve("journal.jsonl");
        Journal.open(file, Map.of("tables", "bad"), false).close();
        try (Journal j = Journal.open(file, Map.of("tables", "good"), true)) {
            assertTrue(j.scores().isEmpty());
        }
        assertTrue(Files.readAllLines(file).get(0).contains("good"));
    }
}
