package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.Json;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model exported with symbolic height and width is costed at its real input size (from its
 * metadata or --input-size), never on 1x1 feature maps (it once reported 6.76 M MACs for 445 M).
 */
class SymbolicInputCliTest {
    @TempDir
    static Path tmp;
    static BatteryFixtures f;

    @BeforeAll
    static void fixtures() throws Exception {
        f = new BatteryFixtures(tmp);
    }

    private static JsonNode json(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.code(), r.err());
        return Json.readTreeString(r.out());
    }

    @Test
    void macsAndPredictionMatchTheFixedSizeModel() throws Exception {
        long fixed = json("model", "info", "--model", f.model.toString(), "--json").get("macs").asLong();
        long fromMetadata = json("model", "info", "--model", f.modelSymbolicHwWithMetadata().toString(), "--json")
                .get("macs").asLong();
        long fromOption = json("model", "info", "--model", f.modelSymbolicHw().toString(), "--input-size", "64x64",
                "--json").get("macs").asLong();
        assertEquals(fixed, fromMetadata);
        assertEquals(fixed, fromOption);
        double ms = json("table", "predict", "--table", f.table.toString(), "--model", f.model.toString(), "--json")
                .get("prediction").get("totalMs").asDouble();
        double msSym = json("table", "predict", "--table", f.table.toString(), "--model", f.modelSymbolicHw().toString(),
                "--input-size", "64x64", "--json").get("prediction").get("totalMs").asDouble();
        assertEquals(ms, msSym, 1e-9);
    }
}
