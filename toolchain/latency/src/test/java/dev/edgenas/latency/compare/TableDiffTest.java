package dev.edgenas.latency.compare;

import static dev.edgenas.latency.compare.CompareTables.convs;
import static dev.edgenas.latency.compare.CompareTables.conv1x1;
import static dev.edgenas.latency.compare.CompareTables.provenance;
import static dev.edgenas.latency.compare.CompareTables.table;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.compare.ProvenanceChange.Category;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class TableDiffTest {
    private static TableDiff diff(LatencyTable a, LatencyTable b, DriftOptions o) {
        return TableDiff.compare("a.json", a, "b.json", b, o);
    }

    @Test
    void identicalTablesHaveNoDrift() {
        LatencyTable t = table(convs(20, 1), 0.01, provenance("1.29.0", null));
        TableDiff d = diff(t, t, DriftOptions.defaults());
        assertEquals(20, d.summary().compared());
        assertEquals(1.0, d.summary().medianRatio(), 1e-12);
        assertEquals(0, d.summary().drifted());
        assertFalse(d.summary().exceeded());
        assertTrue(d.provenance().isEmpty());
        assertTrue(DiffText.format(d, 5).endsWith("no drift beyond the threshold"));
    }

    @Test
    void uniformSlowdownIsDriftWithItsRatio() {
        LatencyTable a = table(convs(20, 1), 0.01, provenance("1.29.0", null));
        LatencyTable b = table(convs(20, 1.25), 0.01, provenance("1.29.0", null));
        TableDiff d = diff(a, b, DriftOptions.defaults());
        assertEquals(1.25, d.summary().medianRatio(), 1e-9);
        assertEquals(1.25, d.summary().p90Ratio(), 1e-9);
        assertEquals(0.25, d.summary().p90Change(), 1e-9);
        assertEquals(20, d.summary().drifted());
        assertEquals(1.0, d.summary().shareDrifted());
        assertTrue(d.summary().exceeded());
        assertEquals(2, d.summary().reasons().size(), d.summary().reasons().toString());
        // Symmetric: the same factor faster is the same size of drift.
        TableDiff back = diff(b, a, DriftOptions.defaults());
        assertEquals(0.25, back.summary().p90Change(), 1e-9);
        assertTrue(back.summary().exceeded());
        // A looser threshold accepts it.
        assertFalse(diff(a, b, new DriftOptions(0.30, 0.1, 0.005)).summary().exceeded());
    }

    @Test
    void fewDriftedEntriesWithinTheAllowedShareAreReportedButNotExceeded() {
        Map<String, Double> m = new TreeMap<>(convs(20, 1));
        LatencyTable a = table(m, 0.01, provenance("1.29.0", null));
        m.put(conv1x1(8, 8), m.get(conv1x1(8, 8)) * 2);   // 1 of 20 = 5 %
        LatencyTable b = table(m, 0.01, provenance("1.29.0", null));
        TableDiff d = diff(a, b, DriftOptions.defaults());
        assertEquals(1, d.summary().drifted());
        assertEquals(0.05, d.summary().shareDrifted(), 1e-12);
        assertFalse(d.summary().exceeded());
        assertEquals(conv1x1(8, 8), d.largestChanges(1).get(0).key());
        assertEquals(2.0, d.largestChanges(1).get(0).ratio(), 1e-9);
        // One entry is 5 %: beyond a 4 % allowance, but a single noisy kernel never flags a table.
        assertFalse(diff(a, b, new DriftOptions(0.10, 0.04, 0.005)).summary().exceeded());
        m.put(conv1x1(16, 8), m.get(conv1x1(16, 8)) * 2);
        m.put(conv1x1(24, 8), m.get(conv1x1(24, 8)) * 2);
        TableDiff three = diff(a, table(m, 0.01, provenance("1.29.0", null)), new DriftOptions(0.10, 0.04, 0.005));
        assertEquals(TableDiff.MIN_DRIFTED, three.summary().drifted());
        assertTrue(three.summary().exceeded());
    }

    @Test
    void changesWithinTheEntriesNoiseAreNotDrift() {
        LatencyTable a = table(convs(10, 1), 0.10, provenance("1.29.0", null));
        LatencyTable b = table(convs(10, 1.15), 0.10, provenance("1.29.0", null));
        // 15 % beyond the 10 % threshold, but within the two 10 % confidence intervals added.
        TableDiff d = diff(a, b, DriftOptions.defaults());
        assertEquals(0, d.summary().drifted());
        // The median ratio still says the table as a whole moved.
        assertTrue(d.summary().exceeded());
        assertEquals(1, d.summary().reasons().size());
    }

    @Test
    void entriesBelowTheNoiseFloorAreNotCompared() {
        Map<String, Double> ma = new HashMap<>(convs(4, 1));
        ma.put(conv1x1(64, 64), 0.000001);
        ma.put(conv1x1(64, 32), 0.000001);
        Map<String, Double> mb = new HashMap<>(ma);
        mb.put(conv1x1(64, 64), 0.000002);      // 2x, but both under the floor
        mb.put(conv1x1(64, 32), 0.05);           // rose above the floor: compared against the floor
        TableDiff d = diff(table(ma, 0.01, provenance("1.29.0", null)), table(mb, 0.01, provenance("1.29.0", null)),
                DriftOptions.defaults());
        assertEquals(6, d.summary().shared());
        assertEquals(5, d.summary().compared());
        assertEquals(1, d.summary().belowFloor());
        EntryChange rose = d.entries().stream().filter(e -> e.key().equals(conv1x1(64, 32))).findFirst().orElseThrow();
        assertEquals(0.05 / 0.005, rose.ratio(), 1e-9);
        assertTrue(rose.drifted());
    }

    @Test
    void addedAndMissingKeysAreListed() {
        Map<String, Double> ma = new TreeMap<>(convs(3, 1));
        Map<String, Double> mb = new TreeMap<>(convs(2, 1));
        mb.put(conv1x1(8, 16), 0.3);
        TableDiff d = diff(table(ma, 0.01, provenance("1.29.0", null)), table(mb, 0.01, provenance("1.29.0", null)),
                DriftOptions.defaults());
        assertEquals(List.of(conv1x1(24, 8)), d.missingKeys());
        assertEquals(List.of(conv1x1(8, 16)), d.addedKeys());
        assertEquals(1, d.summary().added());
        assertEquals(1, d.summary().missing());
        assertEquals(2, d.summary().shared());
    }

    @Test
    void provenanceChangesAreCategorised() {
        LatencyTable a = table(convs(3, 1), 0.01, provenance("1.29.0", Map.of("thermalStatusBefore", "0",
                "buildFingerprint", "x/1", "loadAverageAtStart", "1.0", "cluster0MaxKHz", "1800000")));
        LatencyTable b = table(convs(3, 1), 0.01, provenance("1.30.0", Map.of("thermalStatusBefore", "2",
                "buildFingerprint", "x/2", "loadAverageAtStart", "3.0", "cluster0MaxKHz", "1400000")));
        TableDiff d = diff(a, b, DriftOptions.defaults());
        Map<String, Category> byField = new TreeMap<>();
        d.provenance().forEach(c -> byField.put(c.field(), c.category()));
        assertEquals(Map.of("provenance.runtimeVersion", Category.RUNTIME,
                "provenance.facts.thermalStatusBefore", Category.THERMAL,
                "provenance.facts.buildFingerprint", Category.FIRMWARE,
                "provenance.facts.cluster0MaxKHz", Category.CLOCK), byField);
        assertEquals(4, d.significantProvenance().size());
        String text = DiffText.format(d, 3);
        assertTrue(text.contains("runtime provenance.runtimeVersion: 1.29.0 -> 1.30.0"), text);
    }

    @Test
    void factNamesMapToCategories() {
        assertEquals(Category.CLOCK, ProvenanceDiff.categoryOfFact("clusterFreqKHz"));
        assertEquals(Category.THERMAL, ProvenanceDiff.categoryOfFact("thermal_zone0_temp"));
        assertEquals(Category.FIRMWARE, ProvenanceDiff.categoryOfFact("firmwareHash"));
        assertEquals(Category.OTHER, ProvenanceDiff.categoryOfFact("retryAttempts"));
        assertEquals(Category.DEVICE, ProvenanceDiff.categoryOfFact("chip"));
        assertEquals(null, ProvenanceDiff.categoryOfFact("loadAverageAtEnd"));
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new DriftOptions(0, 0.1, 0.005));
        assertThrows(IllegalArgumentException.class, () -> new DriftOptions(0.1, 1.5, 0.005));
        assertThrows(IllegalArgumentException.class, () -> new DriftOptions(0.1, 0.1, -1));
    }
}
