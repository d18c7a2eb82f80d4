package dev.edgenas.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {
    @TempDir
    Path dir;

    @Test
    void capturesOutputErrorAndExitCode() throws Exception {
        ChildProcess.Result r = ChildProcess.run(new ProcessBuilder("sh", "-c", "echo hello; echo oops >&2; exit 3"),
                Duration.ofSeconds(30));
        assertEquals(3, r.exit());
        assertEquals("hello\n", r.stdout());
        assertEquals("oops\n", r.stderr());
        assertFalse(r.timedOut());
    }

    @Test
    void timeoutKillsTheGrandchildToo() throws Exception {
        // the shell starts a grandchild (sleep) that keeps the output pipe open, then waits for it
        Path pidFile = dir.resolve("grandchild.pid");
        long start = System.nanoTime();
        ChildProcess.Result r = ChildProcess.run(new ProcessBuilder("sh", "-c",
                "sleep 120 & echo $! > " + pidFile + "; echo started; wait").redirectErrorStream(true),
                Duration.ofSeconds(2));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(r.timedOut());
        assertEquals(-1, r.exit());
        assertEquals("started\n", r.stdout(), "output written before the timeout is kept");
        assertTrue(seconds < 20, "returned after " + seconds + " s: the pipe held by the grandchild must not block");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        Optional<ProcessHandle> grandchild = ProcessHandle.of(pid);
        if (grandchild.isPresent()) {
            grandchild.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "grandchild " + pid + " still alive");
    }

    @Test
    void aMissingProgramIsAnIoException() {
        assertThrows(IOException.class, () -> ChildProcess.run(new ProcessBuilder(dir.resolve("no-such-tool").toString()),
                Duration.ofSeconds(5)));
    }
}
