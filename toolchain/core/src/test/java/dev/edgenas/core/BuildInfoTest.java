package dev.edgenas.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit and dirty flag are baked in at build time by scripts/build-info.sh (the step edgenas-core's
 * build runs), not read at launch: the script is run here on a scratch repository, before and after a
 * tracked file changes, and this build's own git.properties is what Provenance reports.
 */
class BuildInfoTest {
    private static final Path SCRIPT = Path.of("../../scripts/build-info.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void aChangedFileAfterACommitMakesTheBuildDirty() throws Exception {
        assumeTrue(run(dir, "git", "--version").exit() == 0, "git is not installed (scripts/setup.sh installs it)");
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.writeString(repo.resolve("a.txt"), "one\n");
        git(repo, "init", "-q");
        git(repo, "add", "a.txt");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "one");
        String head = git(repo, "rev-parse", "--short=12", "HEAD").strip();

        Properties clean = build(repo);
        assertEquals(head, clean.getProperty("git.commit"));
        assertEquals("false", clean.getProperty("git.dirty"));

        Files.writeString(repo.resolve("untracked.txt"), "not part of the build's commit\n");
        assertEquals("false", build(repo).getProperty("git.dirty"), "untracked files do not count");

        Files.writeString(repo.resolve("a.txt"), "two\n");
        Properties dirty = build(repo);
        assertEquals(head, dirty.getProperty("git.commit"));
        assertEquals("true", dirty.getProperty("git.dirty"));

        Properties none = build(Files.createDirectories(dir.resolve("no-git")));
        assertEquals("unknown", none.getProperty("git.commit"));
    }

    @Test
    void provenanceReportsThisBuildsBakedCommit() throws IOException {
        Properties p = new Properties();
        try (var in = Provenance.class.getResourceAsStream("git.properties")) {
            assertTrue(in != null, "edgenas-core's build writes dev/edgenas/core/git.properties");
            p.load(in);
        }
        String expected = p.getProperty("git.commit").equals("unknown") ? "unknown"
                : p.getProperty("git.commit") + ("true".equals(p.getProperty("git.dirty")) ? Provenance.DIRTY_SUFFIX : "");
        assertEquals(expected, Provenance.currentGitCommit());
        Provenance.Tool tool = Provenance.now().tool();
        assertEquals(expected, tool.commit() + (Boolean.TRUE.equals(tool.dirty()) ? Provenance.DIRTY_SUFFIX : ""));
    }

    private Properties build(Path repo) throws Exception {
        Path out = dir.resolve("out/git.properties");
        ChildProcess.Result r = run(dir, "bash", SCRIPT.toString(), repo.toString(), out.toString());
        assertEquals(0, r.exit(), r.stderr());
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(out)) {
            p.load(in);
        }
        return p;
    }

    private static String git(Path repo, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        ChildProcess.Result r = run(repo, cmd.toArray(String[]::new));
        assertEquals(0, r.exit(), r.stderr());
        return r.stdout();
    }

    private static ChildProcess.Result run(Path cwd, String... cmd) throws IOException, InterruptedException {
        return ChildProcess.run(new ProcessBuilder(cmd).directory(cwd.toFile()), Duration.ofSeconds(60));
    }
}
