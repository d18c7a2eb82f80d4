package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * search: a failed start on a bad table does not block the rerun, and a table of another precision
 * and a simulated device is said on stderr and in report.md (it once rated the fp32 model on an int8
 * host-sim GAP8 table, every kernel extrapolated, without a word).
 */
class SearchInputsCliTest {
    @TempDir
    Path tmp;

    private CliRunner.Result search(BatteryFixtures f, Path out, Path table) {
        return CliRunner.run("search", "--model", f.model.toString(), "--data", f.data.toString(), "--out",
                out.toString(), "--latency-table", table.toString(), "--population", "2", "--generations", "1",
                "--val-subset", "2", "--calib-images", "0", "--finetune-epochs", "0", "--no-random-baseline",
                "--threads", "1", "--no-progress");
    }

    @Test
    void aBadTableLeavesNothingThatBlocksTheRerunAndAForeignTableIsReported() throws Exception {
        BatteryFixtures f = new BatteryFixtures(tmp);
        Path out = tmp.resolve("search");
        CliRunner.Result bad = search(f, out, f.tableEmptyEntries());
        assertEquals(3, bad.code(), bad.err());
        assertTrue(bad.err().contains("entries"), bad.err());
        CliRunner.Result r = search(f, out, f.gap8Table);
        assertEquals(0, r.code(), "the rerun was blocked: " + r.err());
        assertTrue(r.err().contains("warning") && r.err().contains("provenance.precision")
                && r.err().contains("provenance.simulated"), r.err());
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("## Warnings") && report.contains("int8 table"), report);
    }
}
