package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.Checksums;
import dev.edgenas.core.Json;
import dev.edgenas.core.Provenance;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every artifact edgenas writes carries the same nested provenance (tool with this build's baked commit and
 * dirty flag, inputs with checksums, device, run with seed and effective options): a latency table, a trained
 * model, the search's journal, pareto.json and Pareto networks, and a deploy bundle's manifest, each made
 * through the CLI on the tiny model.
 */
class ProvenanceCliTest {
    @TempDir
    Path dir;

    private static CliRunner.Result ok(String... args) {
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
        return r;
    }

    @Test
    void everyArtifactCarriesTheBuildsNestedProvenance() {
        Path data = dir.resolve("data");
        Path model = dir.resolve("tiny.onnx");
        ok("data", "synth", "--out", data.toString(), "--seed", "3", "--train", "6", "--val", "6", "--size", "64");
        ok("model", "build", "--preset", "tiny", "--out", model.toString());

        Path table = dir.resolve("cpu.json");
        ok("profile", "--device", "cpu", "--model", model.toString(), "--out", table.toString(), "--calibrate", "0",
                "--min-samples", "3", "--max-samples", "4", "--max-seconds-per-entry", "0.05", "--no-progress");
        Provenance t = check(Json.readTree(table).get("provenance").get("origin"), "table", model);
        assertEquals("0.02", t.run().options().get("--target-ci"), "a default the command line did not give");
        assertEquals("cpu", t.device());

        Path trained = dir.resolve("trained.onnx");
        ok("train", "--model", model.toString(), "--data", data.toString(), "--epochs", "1", "--warmup-epochs", "0",
                "--train-limit", "4", "--val-limit", "2", "--batch", "2", "--out", trained.toString(), "--no-progress");
        Provenance tr = check(modelProvenance(trained), "trained model", model);
        assertNotNull(tr.run().options().get("lr"), "a default the command line did not give");

        Path search = dir.resolve("search");
        ok("search", "--model", model.toString(), "--data", data.toString(), "--latency-table", table.toString(),
                "--population", "4", "--generations", "1", "--val-subset", "4", "--calib-images", "0",
                "--finetune-epochs", "0", "--no-random-baseline", "--out", search.toString(), "--no-progress");
        JsonNode pareto = Json.readTree(search.resolve("pareto.json"));
        Provenance s = check(pareto.get("provenance"), "pareto.json", model);
        assertEquals(new Provenance.Input("latencyTable0", table.toString(), Checksums.sha256(table)), s.inputs().get(2));
        assertNotNull(s.run().options().get("maxDrop"), "a default the command line did not give");
        String journal = readFirstLine(search.resolve("journal.jsonl"));
        assertEquals(s, Provenance.read(Json.readTreeString(journal).get("provenance")), "journal header");
        String net = pareto.get("pareto").get(0).get("file").asText();
        assertEquals(s, Provenance.read(modelProvenance(search.resolve(net))), net);

        Path bundle = dir.resolve("bundle");
        ok("deploy", "--model", model.toString(), "--data", data.toString(), "--target", "cpu", "--out",
                bundle.toString(), "--runs", "2", "--warmup", "1", "--calib-images", "2", "--no-progress");
        Provenance d = check(Json.readTree(bundle.resolve("manifest.json")).get("provenance"), "manifest", model);
        assertEquals("cpu", d.device());
        assertNotNull(d.run().options().get("percentile"), "a default the command line did not give");
    }

    /** The record's shape and this build's tool; the model input's checksum is the file's. */
    private static Provenance check(JsonNode node, String what, Path model) {
        assertNotNull(node, what + " has no provenance");
        Provenance p = Provenance.read(node);
        assertEquals(Provenance.currentTool(), p.tool(), what);
        assertFalse(p.tool().commit().isBlank(), what);
        Provenance.Input first = p.inputs().get(0);
        assertEquals(model.toString(), first.path(), what);
        assertEquals(Checksums.sha256(model), first.sha256(), what);
        assertFalse(p.run().options().isEmpty(), what + ": effective options");
        assertNotNull(p.run().createdAt(), what);
        return p;
    }

    private static JsonNode modelProvenance(Path onnx) {
        return Json.readTreeString(ModelMetadata.property(OnnxModels.read(onnx), ModelMetadata.PROVENANCE_KEY)
                .orElseThrow());
    }

    private static String readFirstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.get(0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
