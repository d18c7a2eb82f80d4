package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.ExitCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local engine stays the default and Spark stays off the CLI's class path (docs/SCALE-OUT.md). */
class EngineIsolationTest {
    @TempDir
    Path dir;

    @Test
    void sparkIsNotOnTheCliClassPath() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.spark.SparkContext"));
    }

    @Test
    void anUnknownEngineIsAUsageError() {
        CliRunner.Result r = CliRunner.run("search", "--engine", "hadoop", "--out", dir.resolve("s").toString());
        assertEquals(ExitCode.USAGE.code(), r.code(), r.err());
        assertTrue(r.err().contains("--engine"), r.err());
    }

    @Test
    void aFarmProfileNeedsItsTableFile() {
        CliRunner.Result r = CliRunner.run("profile", "--engine", "spark", "--device", "android", "--space", "default",
                "--no-progress");
        assertEquals(ExitCode.USAGE.code(), r.code(), r.err());
        assertTrue(r.err().contains("--out"), r.err());
    }

    @Test
    void sparkWithoutTheScaleOutJarsIsOneLineNamingTheFolder() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("no-lib"));
        String was = System.getProperty("edgenas.scaleout.lib");
        System.setProperty("edgenas.scaleout.lib", empty.toString());
        try {
            CliRunner.Result r = CliRunner.run("search", "--engine", "spark", "--master", "local[2]", "--out",
                    dir.resolve("s").toString());
            assertEquals(ExitCode.DEVICE_UNREACHABLE.code(), r.code(), r.err());
            assertTrue(r.err().contains(empty.toString()) && r.err().strip().lines().count() == 1, r.err());
        } finally {
            if (was == null) {
                System.clearProperty("edgenas.scaleout.lib");
            } else {
                System.setProperty("edgenas.scaleout.lib", was);
            }
        }
    }
}
