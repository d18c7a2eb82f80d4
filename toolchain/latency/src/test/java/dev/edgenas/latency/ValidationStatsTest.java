package dev.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ValidationStatsTest {
    @Test
    void sharesRmspeRankCorrelationAndWorstCases() {
        List<ValidationStats.Case> cases = List.of(
                new ValidationStats.Case("a", 1.04, 1.0, 0.01, 0),   // +4 %
                new ValidationStats.Case("b", 1.8, 2.0, 0.01, 0),    // -10 %
                new ValidationStats.Case("c", 3.6, 3.0, 0.01, 1),    // +20 %
                new ValidationStats.Case("d", 4.0, 4.0, 0.01, 0));   // 0 %
        ValidationStats s = ValidationStats.of(cases, 2);
        assertEquals(0.5, s.within5(), 1e-12);
        assertEquals(0.75, s.within10(), 1e-12);
        assertEquals(Math.sqrt((0.04 * 0.04 + 0.01 + 0.04 + 0) / 4), s.rmspe(), 1e-9);
        assertEquals((0.04 - 0.1 + 0.2) / 4, s.meanError(), 1e-9);
        assertEquals(1.0, s.spearman(), 1e-12);
        assertEquals(List.of("c", "b"), s.worst().stream().map(ValidationStats.Case::name).toList());
    }
}
