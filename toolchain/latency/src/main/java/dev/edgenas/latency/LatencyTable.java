package dev.edgenas.latency;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Json;
import dev.edgenas.ir.KernelKey;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A device's latency table (format {@value #FORMAT} version {@value #VERSION}, schema
 * latency-tables/latency-table.schema.json): per canonical kernel key, the statistics of its measured
 * latency, plus the per-run overhead and the provenance that says which device, runtime and settings
 * the numbers describe. Immutable; {@link #withEntries} returns a new table.
 *
 * @param format        always {@value #FORMAT}
 * @param formatVersion {@value #VERSION}
 * @param complete      false for a checkpoint of an interrupted or running profile
 * @param provenance    device, runtime, settings and tool facts
 * @param units         time unit (ms) and, for cycle-counting devices, "cycles"
 * @param measurement   the stopping rule the entries were measured with
 * @param overhead      the empty-graph run and how prediction accounts for it
 * @param entries       canonical key -> statistics
 * @param calibration   whole-network correction of the kernel sum, or null (not calibrated)
 * @param reference     a short fixed workload measured with the table, to tell machine state from table error; or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LatencyTable(String format, int formatVersion, boolean complete, TableProvenance provenance,
                           Units units, MeasurementPolicy measurement, Overhead overhead,
                           SortedMap<String, TableEntry> entries, Calibration calibration, ReferenceWorkload reference) {
    public static final String FORMAT = "edgenas-latency-table";
    public static final int VERSION = 1;
    /** Entries include one run's overhead each: subtract it per kernel, add it once per network. */
    public static final String SUBTRACT_PER_KERNEL_ADD_ONCE = "subtract-per-kernel-add-once";
    /** Entries time the kernel alone: add the overhead once per network. */
    public static final String ADD_ONCE = "add-once";

    /** Units of the figures; cycles is null unless entries carry cycle counts. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Units(String time, String cycles) {
        public static Units millis() {
            return new Units("ms", null);
        }
    }

    /** The fixed cost of one inference call (empty graph), and how prediction accounts for it. */
    public record Overhead(TableEntry emptyRun, String accounting) {
    }

    public LatencyTable {
        entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
    }

    /** A table without calibration and reference workload. */
    public LatencyTable(String format, int formatVersion, boolean complete, TableProvenance provenance, Units units,
                        MeasurementPolicy measurement, Overhead overhead, SortedMap<String, TableEntry> entries) {
        this(format, formatVersion, complete, provenance, units, measurement, overhead, entries, null, null);
    }

    /** A new, empty (incomplete) table. */
    public static LatencyTable start(TableProvenance provenance, MeasurementPolicy measurement, Overhead overhead) {
        return new LatencyTable(FORMAT, VERSION, false, provenance, Units.millis(), measurement, overhead, new TreeMap<>());
    }

    public LatencyTable withEntries(Map<String, TableEntry> more) {
        TreeMap<String, TableEntry> all = new TreeMap<>(entries);
        all.putAll(more);
        return new LatencyTable(format, formatVersion, complete, provenance, units, measurement, overhead, all,
                calibration, reference);
    }

    public LatencyTable withComplete(boolean done) {
        return new LatencyTable(format, formatVersion, done, provenance, units, measurement, overhead, entries,
                calibration, reference);
    }

    public LatencyTable withProvenance(TableProvenance p) {
        return new LatencyTable(format, formatVersion, complete, p, units, measurement, overhead, entries,
                calibration, reference);
    }

    public LatencyTable withCalibration(Calibration c) {
        return new LatencyTable(format, formatVersion, complete, provenance, units, measurement, overhead, entries,
                c, reference);
    }

    public LatencyTable withReference(ReferenceWorkload r) {
        return new LatencyTable(format, formatVersion, complete, provenance, units, measurement, overhead, entries,
                calibration, r);
    }

    public TableEntry entry(KernelKey key) {
        return entries.get(key.canonical());
    }

    public boolean has(KernelKey key) {
        return entries.containsKey(key.canonical());
    }

    /** Median of the empty-graph run in ms: paid once per network. */
    @JsonIgnore
    public double overheadMs() {
        return overhead.emptyRun().median();
    }

    /** A kernel's own latency from its entry, per the table's overhead accounting (never negative). */
    public double netMs(TableEntry e) {
        return SUBTRACT_PER_KERNEL_ADD_ONCE.equals(overhead.accounting()) ? Math.max(0, e.median() - overheadMs()) : e.median();
    }

    @JsonIgnore
    public int size() {
        return entries.size();
    }

    /** Median of the entries' relative confidence intervals (a quality figure of the table). */
    @JsonIgnore
    public double medianRelativeCi() {
        double[] ci = entries.values().stream().mapToDouble(TableEntry::ciRel).sorted().toArray();
        return ci.length == 0 ? Double.NaN : SampleStats.median(ci);
    }

    /** Writes atomically (a killed run never leaves a truncated table), after checking it. */
    public void write(Path file) {
        List<JsonSchemaCheck.Violation> v = TableSchema.check(Json.MAPPER.valueToTree(this));
        if (!v.isEmpty()) {
            throw new IllegalStateException("refusing to write an invalid table to " + file + ": " + v.get(0));
        }
        Json.writeFile(file, this);
    }

    /**
     * Reads and validates a table: JSON syntax, the schema, then what a schema cannot say (keys in
     * canonical form and of the table's precision, p10 <= median <= p90). Any problem is a
     * BadInputException naming the file and the entry or field.
     */
    public static LatencyTable read(Path file) {
        JsonNode tree = Json.readTree(file);
        List<JsonSchemaCheck.Violation> v = TableSchema.check(tree);
        if (!v.isEmpty()) {
            String more = v.size() > 1 ? " (and " + (v.size() - 1) + " more problems)" : "";
            throw BadInputException.at(file, v.get(0).path(), v.get(0).problem() + more);
        }
        LatencyTable t;
        try {
            t = Json.MAPPER.treeToValue(tree, LatencyTable.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BadInputException.at(file, null, "does not map onto a latency table: " + e.getOriginalMessage());
        }
        t.checkEntries(file);
        return t;
    }

    /**
     * Reads a table that is to predict latency: beyond {@link #read}, it must hold at least one entry
     * (an empty one, e.g. a profile killed before its first checkpoint, has nothing to predict from).
     */
    public static LatencyTable readForPrediction(Path file) {
        LatencyTable t = read(file);
        if (t.entries.isEmpty()) {
            throw BadInputException.at(file, "entries", "empty: the table holds no measurements to predict from "
                    + "(profile the device first)");
        }
        return t;
    }

    private void checkEntries(Path file) {
        for (Map.Entry<String, TableEntry> e : entries.entrySet()) {
            String where = JsonSchemaCheck.child("entries", e.getKey());
            KernelKey k;
            try {
                k = KernelKey.parse(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw BadInputException.at(file, where, "not a kernel key: " + ex.getMessage());
            }
            if (!k.canonical().equals(e.getKey())) {
                throw BadInputException.at(file, where, "key not in canonical form; expected " + k.canonical());
            }
            if (!k.precision().equals(provenance.precision())) {
                throw BadInputException.at(file, where, "precision " + k.precision() + " in a "
                        + provenance.precision() + " table");
            }
            TableEntry s = e.getValue();
            double eps = 1e-9 * s.median();
            if (s.p10() > s.median() + eps || s.median() > s.p90() + eps) {
                throw BadInputException.at(file, where, "statistics out of order: p10 " + s.p10() + ", median "
                        + s.median() + ", p90 " + s.p90());
            }
        }
    }
}
