package dev.edgenas.deploy;

import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.Json;
import dev.edgenas.deploy.bundle.BundleFiles;
import dev.edgenas.deploy.gap8.Gap8ProjectWriter;
import dev.edgenas.deploy.gap8.HostRun;
import dev.edgenas.deploy.gap8.IntNetwork;
import dev.edgenas.deploy.gap8.MemoryPlan;
import dev.edgenas.deploy.gap8.MemoryPlanner;
import dev.edgenas.deploy.gap8.NnToolExport;
import dev.edgenas.deploy.gap8.OrtReference;
import dev.edgenas.deploy.gap8.QdqReader;
import dev.edgenas.deploy.gap8.QTensor;
import dev.edgenas.deploy.gap8.RiscvCheck;
import dev.edgenas.deploy.quant.QParams;
import dev.edgenas.deploy.quant.QuantizedModel;
import dev.edgenas.ir.Graph;
import dev.edgenas.ir.ModelMetadata;
import java.nio.file.Path;
import java.util.List;

/**
 * The gap8 bundle: project/ (GAP SDK project generated from the quantised graph with edgenas' int8
 * kernels), memory-plan.json + MEMORY.md, nntool/ (GreenWaves' own flow) and the QDQ model. The
 * project is verified here: compiled for rv32imc, and built and run on the host against the PMSIS
 * host layer on the test input, its output compared with ONNX Runtime's int8 run of the same model.
 */
public final class Gap8Bundle {
    public static final String PROJECT = "project";

    private Gap8Bundle() {
    }

    public static DeployReport.Gap8Checks write(Path out, QuantizedModel q, Path fp32Model, float[] testInput,
                                                List<float[]> calib, ModelMetadata meta, DeployOptions o) {
        IntNetwork net = QdqReader.read(Graph.of(q.model(), out.resolve(BundleFiles.MODEL_FILE)));
        QTensor in = net.input();
        QParams ip = new QParams(in.scale(), in.zeroPoint(), dev.edgenas.deploy.quant.ActivationType.INT8);
        byte[] x = new byte[testInput.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) ip.quantize(testInput[i]);
        }
        Path project = out.resolve(PROJECT);
        String title = fp32Model.getFileName() + " (" + in.shape() + " -> " + net.output().shape() + ")";
        List<String> sources = Gap8ProjectWriter.write(project, net, MemoryPlanner.plan(net, null), x, title);
        RiscvCheck rv = o.gap8RiscvCheck ? RiscvCheck.compile(project, sources) : null;
        MemoryPlan plan = MemoryPlanner.plan(net, rv == null ? null : rv.codeBytes());
        Json.writeFile(out.resolve("memory-plan.json"), plan);
        AtomicFiles.writeString(out.resolve("MEMORY.md"), MemoryReport.markdown(net, plan));
        Double agreement = null;
        Double exact = null;
        Double within = null;
        String checksum = null;
        Long cycles = null;
        if (o.gap8HostCheck) {
            HostRun run = HostRun.run(project, sources, net.output().bytes());
            byte[] ort = OrtReference.run(q.model(), testInput, new long[] {1, 3, meta.height(), meta.width()},
                    net.output(), o.ort);
            OrtReference cmp = OrtReference.compare(ort, run.output(), net.output());
            agreement = cmp.argmaxAgreement();
            exact = cmp.exact();
            within = cmp.withinOne();
            checksum = run.checksum();
            cycles = run.cycles();
        }
        NnToolExport.write(out.resolve("nntool"), fp32Model, calib, meta);
        AtomicFiles.writeString(out.resolve("README-gap8.md"), readme(plan, checksum, agreement, rv));
        return new DeployReport.Gap8Checks(agreement, exact, within, checksum, cycles,
                rv == null ? null : rv.codeBytes(), plan.summary(), plan);
    }

    private static String readme(MemoryPlan plan, String checksum, Double agreement, RiscvCheck rv) {
        return """
                # GAP8 bundle

                - `project/`: a GAP SDK project generated from `model-int8.onnx` with edgenas' int8 kernels
                  (`project/kernels/`, the same C that the profiler times), weights as constant L2 arrays, and a
                  `main.c` that runs one inference on `test_input.c` and prints cycles and an output checksum over
                  the UART. Build on the board: `source <gap_sdk>/configs/gapuino_v3.sh; cd project;
                  make clean all run platform=board io=uart`. Expected: `EN_RESULT status=0 ... checksum=%s`.
                - On this computer: `project/host-build.sh` builds the same C against the PMSIS host layer
                  (`project/host/`) and prints the same line (cycles there are host time, not GAP8 cycles).
                  edgenas deploy ran it: argmax agreement with ONNX Runtime's int8 run %s.
                - rv32imc compile check: %s.
                - `memory-plan.json`, `MEMORY.md`: weights, activation arena with buffer reuse, L1 tiling per layer.
                  %s
                - `nntool/`: script and Makefile for GreenWaves' NNTool + AutoTiler flow, for users who have the
                  GAP SDK with NNTool. Not run here (NNTool and AutoTiler are not available to edgenas' build).
                """.formatted(checksum == null ? "(host run skipped)" : checksum,
                agreement == null ? "(skipped)" : String.format("%.2f%%", 100 * agreement),
                rv == null ? "skipped" : "every source compiles with riscv64-unknown-elf-gcc -march=rv32imc -mabi=ilp32 "
                        + "(code " + rv.codeBytes() + " bytes)",
                plan.fitsL2() ? "The network fits L2." : "The network does NOT fit L2: see MEMORY.md.");
    }
}
