package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.deploy.bundle.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy bundle is never lost: late failures and kill -9 at any moment leave the previous
 * bundle (or the new one), intact by its manifest, and nothing that blocks the next run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployBundleSafetyTest {
    @TempDir
    static Path tmp;
    static BatteryFixtures f;
    static Path bundle;
    static String previous;

    static String[] deploy(Path data, Path out, String seed, String... more) {
        List<String> a = new ArrayList<>(List.of("deploy", "--model", f.model.toString(), "--data", data.toString(),
                "--target", "cpu", "--out", out.toString(), "--calib-images", "4", "--warmup", "1", "--runs", "3",
                "--seed", seed, "--no-progress"));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @BeforeAll
    static void firstBundle() throws Exception {
        f = new BatteryFixtures(tmp);
        bundle = tmp.resolve("bundle");
        CliRunner.Result r = CliRunner.run(deploy(f.data, bundle, "1"));
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), Manifest.verify(bundle));
        previous = BatteryFixtures.state(bundle);
    }

    @Test
    @Order(1)
    void anotherDevicesTableIsSaidOnStderrAndInTheReport() throws Exception {
        Path out = tmp.resolve("with-gap8-table");
        CliRunner.Result r = CliRunner.run(deploy(f.data, out, "1", "--latency-table", f.gap8Table.toString()));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning") && r.err().contains("gap8:host-sim") && r.err().contains("not on a cpu"),
                r.err());
        assertTrue(r.out().contains("warning: ") && r.out().contains("provenance.deviceId"), r.out());
        String report = Files.readString(out.resolve("deploy-report.json"));
        assertTrue(report.contains("\"warnings\"") && report.contains("provenance.simulated"), report);
    }

    @Test
    @Order(2)
    void aDatasetErrorKeepsThePreviousBundleAndLeavesNoStaging() throws Exception {
        Path bad = f.dataLabel200();
        CliRunner.Result r = CliRunner.run(deploy(bad, bundle, "2"));
        assertEquals(3, r.code(), r.err());
        assertTrue(r.err().contains(bad.toString()) && !r.err().contains("\tat "), r.err());
        assertEquals(previous, BatteryFixtures.state(bundle), "the previous bundle changed");
        assertFalse(Files.exists(tmp.resolve(".bundle.edgenas-new")), "staging folder left behind");
        assertEquals(List.of(), Manifest.verify(bundle));
    }

    @Test
    @Order(3)
    void aLeftoverStagingFolderDoesNotBlockTheNextRun() throws Exception {
        Path staging = Files.createDirectories(tmp.resolve(".bundle.edgenas-new"));
        Files.writeString(staging.resolve(dev.edgenas.deploy.Deployer.MODEL_FILE), "half a model");
        CliRunner.Result r = CliRunner.run(deploy(f.data, bundle, "1"));
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of(), Manifest.verify(bundle));
        assertFalse(Files.exists(staging));
        previous = BatteryFixtures.state(bundle);
    }

    /**
     * kill -9 of a separate deploy process at 10 moments spread over its run time (JVM start,
     * calibration, evaluation, latency, writing, the swap): each leaves the previous or the new
     * bundle, intact by Manifest.verify.
     */
    @Test
    @Order(4)
    void killNineAtTenMomentsLeavesThePreviousOrTheNewBundle() throws Exception {
        long t0 = System.nanoTime();
        Process full = start(deploy(f.data, tmp.resolve("timing"), "3"));
        assertTrue(full.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, full.exitValue(), "java.class.path " + System.getProperty("java.class.path") + "\n"
                + Files.readString(tmp.resolve("deploy-process.log")));
        long fullMs = (System.nanoTime() - t0) / 1_000_000;
        int kept = 0;
        int replaced = 0;
        // ten moments from JVM start to just past the usual end (the last ones land in the writing
        // and the swap, or after a normal exit: the new bundle)
        double[] shares = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.92, 1.05};
        int points = shares.length;
        for (double share : shares) {
            long at = Math.round(fullMs * share);
            Process p = start(deploy(f.data, bundle, "3"));
            boolean done = p.waitFor(at, TimeUnit.MILLISECONDS);
            if (!done) {
                p.destroyForcibly().waitFor(); // SIGKILL on Linux: no shutdown hook, no finally
            }
            String now = BatteryFixtures.state(bundle);
            assertTrue(Files.isDirectory(bundle), "no bundle at all after kill at " + at + " ms");
            assertEquals(List.of(), Manifest.verify(bundle), "bundle after kill at " + at + " ms");
            if (now.equals(previous)) {
                kept++;
            } else {
                replaced++;
                previous = now; // the new bundle is the previous one of the next round
            }
        }
        System.out.printf("deploy kill -9: %d points over %d ms, previous bundle kept %d, new bundle %d, all verified%n",
                points, fullMs, kept, replaced);
        assertTrue(kept > 0, "no kill landed before the swap");
        CliRunner.Result r = CliRunner.run(deploy(f.data, bundle, "4"));
        assertEquals(0, r.code(), "a rerun after the kills: " + r.err());
        assertEquals(List.of(), Manifest.verify(bundle));
    }

    private static Process start(String... args) throws Exception {
        return ChildCli.start(tmp, tmp.resolve("deploy-process.log"), args);
    }
}
