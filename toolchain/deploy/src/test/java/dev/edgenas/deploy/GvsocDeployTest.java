package dev.edgenas.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.deploy.gap8.GvsocRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny DeepLabV3+ deployed for GAP8 and run whole on GVSOC's GAPuino: weights through HyperFlash and
 * HyperRAM, tiles through L1, and every image's output checksum equal to the host build's (so the argmax
 * agreement with ONNX Runtime int8 is the host build's). Skipped with the reason when no GVSOC is set up
 * ($GAP_SDK_HOME, $EDGENAS_GVSOC_HOME or ~/.cache/gvsoc).
 */
class GvsocDeployTest {
    @TempDir
    Path dir;

    @Test
    void tinyNetworkRunsWholeOnGvsocWithTheHostChecksums() {
        String why = GvsocRun.unavailable();
        Assumptions.assumeTrue(why == null, why);
        DeployOptions o = TinyFixtures.options(dir, Target.GAP8);
        o.gap8Images = 2;
        o.gap8Gvsoc = true;
        DeployReport r = Deployer.deploy(o);
        DeployReport.Gap8Simulated g = r.gap8().gvsoc();
        System.out.println("[gvsoc] " + g);
        assertEquals(2, g.images());
        assertTrue(g.checksumsMatch(), "GVSOC outputs differ from the host build's");
        assertTrue(g.argmaxAgreement() >= 0.99, "argmax agreement " + g.argmaxAgreement());
        assertEquals(r.gap8().memory().hierarchy().tiles().size(), g.layerCycles().size());
        assertTrue(g.cycles() > 0 && g.cycles() == g.layerCycles().stream().mapToLong(Long::longValue).sum());
        assertEquals(g.cycles() / 175_000.0, g.ms(), 1e-6);
    }
}
