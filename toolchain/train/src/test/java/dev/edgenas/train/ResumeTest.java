package dev.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.edgenas.core.BadInputException;
import dev.edgenas.ir.OnnxChecker;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.ir.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped after epoch 1 resumes from its checkpoint and ends with the uninterrupted run's weights. */
class ResumeTest {
    @TempDir
    static Path shared;
    static TinyFixture fx;
    @TempDir
    Path dir;

    @BeforeAll
    static void data() {
        fx = TinyFixture.create(shared, 8, 4);
    }

    /** Three epochs of two steps with every augmentation on, so the resumed data stream is tested too. */
    private TrainOptions options(String name) {
        TrainOptions o = fx.options(dir.resolve(name + ".onnx"));
        o.epochs = 3;
        o.warmupEpochs = 0.5;
        return o;
    }

    static final class Stop extends RuntimeException {
        Stop() {
            super("stopped after epoch 1");
        }
    }

    @Test
    void stoppedRunResumesToTheSameWeights() {
        TrainResult whole = Trainer.run(options("whole"), null);

        TrainOptions o = options("split");
        assertThrows(Stop.class, () -> Trainer.run(o, new TrainListener() {
            @Override
            public void onEpoch(EpochStats stats) {
                throw new Stop();
            }
        }));
        Path ckpt = o.effectiveCheckpointDir();
        assertTrue(Files.isRegularFile(ckpt.resolve("state.json")));
        OnnxChecker.check(ckpt.resolve("epoch-0001.onnx"));
        assertTrue(!Files.exists(o.out), "no final model before the run completes");

        o.resume = true;
        int[] started = new int[1];
        TrainResult resumed = Trainer.run(o, new TrainListener() {
            @Override
            public void onStart(int firstEpoch, int epochs, int stepsPerEpoch, long parameters) {
                started[0] = firstEpoch;
            }
        });
        assertEquals(2, started[0], "continues with epoch 2");
        assertEquals(1, resumed.resumedAfterEpoch());
        assertEquals(3, resumed.epochs().size(), "history includes the epoch before the stop");
        assertEquals(whole.epochs().get(0).trainLoss(), resumed.epochs().get(0).trainLoss());

        ModelProto a = OnnxModels.read(whole.output());
        ModelProto b = OnnxModels.read(resumed.output());
        for (int i = 0; i < a.getGraph().getInitializerCount(); i++) {
            TensorProto ta = a.getGraph().getInitializer(i);
            TensorProto tb = b.getGraph().getInitializer(i);
            assertArrayEquals(Tensors.toFloats(ta), Tensors.toFloats(tb), "initializer " + ta.getName());
        }
        assertEquals(whole.finalMiou(), resumed.finalMiou());
    }

    @Test
    void resumeWithAnotherRecipeNamesTheField() {
        TrainOptions o = options("r");
        o.epochs = 1;
        Trainer.run(o, null);
        o.resume = true;
        o.lr = 1e-2;
        BadInputException e = assertThrows(BadInputException.class, () -> Trainer.run(o, null));
        assertTrue(e.getMessage().contains("recipe.lr") && e.getMessage().contains("state.json"), e.getMessage());
    }
}
