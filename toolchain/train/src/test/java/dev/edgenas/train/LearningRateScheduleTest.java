package dev.edgenas.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {
    @Test
    void warmupRisesLinearlyThenCosineFallsToZero() {
        TrainOptions o = new TrainOptions();
        o.lr = 0.1;
        o.epochs = 10;
        o.warmupEpochs = 2;
        LearningRateSchedule s = LearningRateSchedule.of(o, 5);
        assertEquals(10, s.warmupSteps());
        assertEquals(50, s.totalSteps());
        assertTrue(s.at(0) < 0.02, "starts low: " + s.at(0));
        assertEquals(s.at(4) - s.at(3), s.at(8) - s.at(7), 1e-12, "linear warm-up");
        assertEquals(0.1, s.at(9), 1e-12, "peak at the end of warm-up");
        assertEquals(0.05, s.at(30), 1e-12, "cosine half-way");
        assertTrue(s.at(49) < 1e-3 && s.at(49) > 0, "near zero at the end: " + s.at(49));
        for (int i = 11; i < 50; i++) {
            assertTrue(s.at(i) < s.at(i - 1), "decreasing after warm-up");
        }
    }

    @Test
    void polyDecay() {
        TrainOptions o = new TrainOptions();
        o.lr = 1;
        o.epochs = 4;
        o.warmupEpochs = 0;
        o.schedule = TrainOptions.Schedule.POLY;
        o.polyPower = 2;
        LearningRateSchedule s = LearningRateSchedule.of(o, 25);
        assertEquals(1, s.at(0), 1e-12);
        assertEquals(0.25, s.at(50), 1e-12);
    }
}
