package dev.edgenas.search;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.Checksums;
import dev.edgenas.core.Json;
import dev.edgenas.core.Provenance;
import dev.edgenas.data.VocDataset;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.latency.LatencyTable;
import dev.edgenas.latency.TableFit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A search's inputs, read once at its start and handed on (scoring, journal header, Pareto export, final stage):
 * the model parsed and hashed once, the tables read and hashed once, the data subsets loaded once, and the one
 * provenance record every artifact of the run embeds. Nothing downstream opens these files again.
 *
 * @param modelFile   the pretrained model's path
 * @param model       the parsed model
 * @param meta        its edgenas metadata
 * @param modelSha256 its checksum
 * @param tableFiles  the latency tables' paths, in objective order
 * @param tables      the tables, read for prediction
 * @param tableSha256 their checksums
 * @param val         the validation subset candidates are scored on
 * @param calib       the BN recalibration images, or null
 * @param provenance  the run's provenance (inputs with these checksums, seed, effective options)
 */
public record SearchInputs(Path modelFile, ModelProto model, ModelMetadata meta, String modelSha256,
                           List<Path> tableFiles, List<LatencyTable> tables, List<String> tableSha256,
                           EvalData val, EvalData calib, Provenance provenance) {
    public SearchInputs {
        tableFiles = List.copyOf(tableFiles);
        tables = List.copyOf(tables);
        tableSha256 = List.copyOf(tableSha256);
    }

    /** Validates the options and reads every input once. */
    public static SearchInputs read(SearchOptions o) {
        o.validate();
        if (!Files.isRegularFile(o.model)) {
            throw BadInputException.at(o.model, null, "model not found (train one with 'edgenas train' or pass --model)");
        }
        ModelProto model = OnnxModels.read(o.model);
        ModelMetadata meta = ModelMetadata.of(model, o.model);
        String modelSha = Checksums.sha256(o.model);
        EvalData val = EvalData.load(VocDataset.open(o.data, o.valSplit), meta, o.valSubset);
        EvalData calib = o.calibImages > 0 ? EvalData.load(VocDataset.open(o.data, o.trainSplit), meta, o.calibImages) : null;
        List<LatencyTable> tables = new ArrayList<>();
        List<String> shas = new ArrayList<>();
        Provenance.Builder prov = Provenance.builder().input("model", o.model, modelSha).input("data", o.data);
        for (int i = 0; i < o.latencyTables.size(); i++) {
            Path t = o.latencyTables.get(i);
            LatencyTable table = LatencyTable.readForPrediction(t);
            // candidates are fp32 ONNX graphs, costed at fp32 keys; say so when the table cannot match them
            TableFit.warnings(t, table, "fp32", null).forEach(w -> System.err.println("edgenas: warning: " + w));
            tables.add(table);
            shas.add(Checksums.sha256(t));
            prov.input("latencyTable" + i, t, shas.get(i));
        }
        return new SearchInputs(o.model, model, meta, modelSha, o.latencyTables, tables, shas, val, calib,
                prov.seed(o.seed).optionsOf(o).build());
    }

    /** The provenance as one line of JSON (models' edgenas.provenance property). */
    public String provenanceJson() {
        try {
            return Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(provenance);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
