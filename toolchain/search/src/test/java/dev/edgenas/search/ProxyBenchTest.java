package dev.edgenas.search;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.space.Genome;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fidelity benchmarks' teacher-agreement proxy, on the fixture model. */
class ProxyBenchTest {
    @TempDir
    Path dir;

    @Test
    void theTeacherAgreesWithItselfAndACutNetworkLessThanWithItself() {
        Path model = SearchFixture.model(dir);
        ProxyBench bench = new ProxyBench(model, SearchFixture.data(dir), 8, 8);
        ModelProto teacher = OnnxModels.read(model);
        EvalData labelled = bench.teacherLabelled(teacher, bench.val);
        assertArrayEquals(bench.val.images(), labelled.images());
        assertEquals(1.0, bench.miou(teacher, labelled), 1e-12, "the teacher against its own arg-max");
        // the ground truth is not the teacher's output (the fixture model is far from perfect)
        assertTrue(bench.miou(teacher, bench.val) < 1.0);
        // a network cut from it follows the teacher less well than the teacher itself
        Genome cut = bench.space.sample(new java.util.SplittableRandom(3));
        assertTrue(!cut.equals(bench.space.full()), cut.key());
        double agreement = bench.miou(bench.cut(cut).recalibrated(), labelled);
        assertTrue(agreement < 1.0 && agreement >= 0, "agreement " + agreement);
    }
}
