package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/CLI.md must be what the commands' help says today. */
class CliReferenceTest {
    @Test
    void cliReferenceIsCurrent() throws Exception {
        Path doc = Path.of("../../docs/CLI.md");
        String expected = CliReference.markdown();
        String actual = Files.exists(doc) ? Files.readString(doc) : "(missing)";
        assertEquals(expected, actual, "docs/CLI.md is stale: run scripts/gen-cli-doc.sh");
    }
}
