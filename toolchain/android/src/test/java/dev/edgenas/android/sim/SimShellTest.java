package dev.edgenas.android.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated shell's language subset, without adb in between. */
class SimShellTest {
    @TempDir
    Path dir;
    AdbdSimulator sim;

    @BeforeEach
    void start() {
        sim = AdbdSimulator.start(0, dir.resolve("phone"), DeviceDescription.typical());
    }

    @AfterEach
    void stop() {
        sim.stop();
    }

    private String[] run(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = new SimShell(sim).run(line, out, err);
        return new String[] {Integer.toString(rc), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void listsQuotesAndExitStatus() {
        assertEquals("a b;c\n1\n", run("echo 'a b;c'; false; echo $?")[1]);
        assertEquals("yes\n", run("false && echo no || echo yes")[1]);
        assertEquals("X=1 q\n", run("V=1; echo \"X=$V\" q")[1]);
        assertEquals("7", run("echo hi; exit 7; echo never")[0]);
        assertEquals("2", run("echo a | cat")[0]);
    }

    @Test
    void filesAndRedirection() throws Exception {
        String[] r = run("mkdir -p /data/local/tmp/x && echo hello > /data/local/tmp/x/f && cat /data/local/tmp/x/f");
        assertEquals("hello\n", r[1]);
        assertTrue(Files.exists(sim.sandbox().root().resolve("data/local/tmp/x/f")));
        assertEquals("1", run("cat /nope 2>/dev/null")[0]);
        assertEquals("", run("cat /nope 2>/dev/null")[2]);
        assertEquals("0", run("rm -rf /data/local/tmp/x")[0]);
        assertTrue(Files.notExists(sim.sandbox().root().resolve("data/local/tmp/x")));
        assertTrue(run("rm -rf /")[2].contains("refusing"));
        assertTrue(run("cat /../../etc/passwd")[2].contains("outside the simulator sandbox"));
    }

    @Test
    void tasksetChecksTheMaskAgainstTheDescribedCpus() {
        assertEquals("ok\n", run("taskset f0 echo ok")[1]);
        assertEquals("1", run("taskset 100 echo no")[0]);
        assertEquals(java.util.List.of(0xf0L), sim.affinityMasks());
    }

    @Test
    void appProcessNeedsThePushedDexJar() {
        String[] r = run("CLASSPATH=/data/local/tmp/none.jar app_process / dev.edgenas.agent.android.AgentMain --out /x");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("ClassNotFoundException"), r[2]);
    }
}
