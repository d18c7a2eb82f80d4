package dev.edgenas.search;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.Json;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.models.space.Genome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes every Pareto network as a deployable ONNX file plus pareto.json and pareto.csv. */
final class ParetoExport {
    private ParetoExport() {
    }

    static List<ParetoEntry> write(SearchOptions o, SearchInputs in, CandidateEvaluator ev, List<CandidateScore> front,
                                   CandidateScore full) {
        List<ParetoEntry> out = new ArrayList<>();
        int i = 0;
        String provenance = in.provenanceJson(); // the run's one record, its inputs hashed once at the start
        for (CandidateScore s : front) {
            String name = String.format("pareto/net%02d-%s.onnx", i++, s.genome());
            ModelProto net = ev.network(Genome.parse(s.genome()));
            net = ModelMetadata.withProperty(net, ModelMetadata.PROVENANCE_KEY, provenance);
            OnnxModels.write(net, o.out.resolve(name));
            out.add(ParetoEntry.cut(s.genome(), s.miou(), s.latencyMs(), s.macs(), s.params(), name));
        }
        writeTables(o, in, out, full, null);
        return out;
    }

    /** pareto.json (with the final pick when the final stage ran) and pareto.csv. */
    static void writeTables(SearchOptions o, SearchInputs in, List<ParetoEntry> entries, CandidateScore full,
                            FinalPick pick) {
        Path dir = o.out;
        List<Path> tables = o.latencyTables;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("provenance", in.provenance());
        json.put("latencyTables", tables.stream().map(Path::toString).toList());
        json.put("full", full);
        json.put("pick", pick);
        json.put("devices", DeviceFronts.of(o, in, entries, full, pick)); // one front and pick per latency table
        json.put("pareto", entries);
        Json.writeFile(dir.resolve("pareto.json"), json);
        StringBuilder csv = new StringBuilder("genome,proxy_miou,screen_miou,final_miou,finetune_images,measured_ms");
        for (Path t : tables) {
            csv.append(",latency_ms_").append(t.getFileName().toString().replace(".json", ""));
        }
        csv.append(",macs,params,file\n");
        for (ParetoEntry e : entries) {
            csv.append(e.genome()).append(',').append(String.format("%.5f", e.proxyMiou())).append(',')
                    .append(e.screenMiou() == null ? "" : String.format("%.5f", e.screenMiou())).append(',')
                    .append(e.finalMiou() == null ? "" : String.format("%.5f", e.finalMiou())).append(',')
                    .append(e.finetuneImages()).append(',')
                    .append(e.measuredMs() == null ? "" : String.format("%.4f", e.measuredMs()));
            for (double l : e.latencyMs()) {
                csv.append(',').append(String.format("%.4f", l));
            }
            csv.append(',').append(e.macs()).append(',').append(e.params()).append(',').append(e.file()).append('\n');
        }
        AtomicFiles.writeString(dir.resolve("pareto.csv"), csv.toString());
    }
}
