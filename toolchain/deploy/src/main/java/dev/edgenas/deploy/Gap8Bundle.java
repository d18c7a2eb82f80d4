package dev.edgenas.deploy;

import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import dev.edgenas.core.Json;
import dev.edgenas.deploy.bundle.BundleFiles;
import dev.edgenas.deploy.gap8.Gap8ProjectWriter;
import dev.edgenas.deploy.gap8.GvsocRun;
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
import java.util.ArrayList;
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

    public static DeployReport.Gap8Checks write(Path out, QuantizedModel q, Path fp32Model, List<float[]> images,
                                                List<float[]> calib, ModelMetadata meta, DeployOptions o,
                                                Double predictedMs) {
        IntNetwork net = QdqReader.read(Graph.of(q.model(), out.resolve(BundleFiles.MODEL_FILE)));
        QTensor in = net.input();
        QParams ip = new QParams(in.scale(), in.zeroPoint(), dev.edgenas.deploy.quant.ActivationType.INT8);
        List<byte[]> xs = new ArrayList<>();
        for (float[] image : images) {
            byte[] x = new byte[image.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = (byte) ip.quantize(image[i]);
            }
            xs.add(x);
        }
        Path project = out.resolve(PROJECT);
        String title = fp32Model.getFileName() + " (" + in.shape() + " -> " + net.output().shape() + ")";
        List<String> sources = Gap8ProjectWriter.write(project, net, MemoryPlanner.plan(net, null), xs, title);
        RiscvCheck rv = o.gap8RiscvCheck ? RiscvCheck.compile(project, sources) : null;
        MemoryPlan plan = MemoryPlanner.plan(net, rv == null ? null : rv.codeBytes());
        // with the measured code size the plan may place tensors differently: the project follows the final plan
        // (its code does not depend on the placement)
        Gap8ProjectWriter.write(project, net, plan, xs, title);
        Json.writeFile(out.resolve("memory-plan.json"), plan);
        AtomicFiles.writeString(out.resolve("MEMORY.md"), MemoryReport.markdown(net, plan));
        Double agreement = null;
        Double exact = null;
        Double within = null;
        HostRun run = null;
        var h = plan.hierarchy();
        if (!h.fitsL1() || !h.fitsL3()) {
            // the host build (strict L1 and HyperRAM checks, as the board) would stop half-way: say why, in one line
            String why = h.firstMiss() + (h.fitsL3() || h.firstMiss().startsWith("L3") ? "" : String.format(
                    "; and L3 (%.1f MB of weights and spills, %.1f MB HyperRAM)", h.l3RamNeedBytes() / 1048576.0,
                    h.budget().l3RamBytes() / 1048576.0));
            throw new EdgenasException(ExitCode.FAILURE, fp32Model + ": the int8 network does not fit the GAP8 board's "
                    + why + "; cut one that fits with 'edgenas search --memory-budget l3=8m' (docs/GAP8.md)");
        }
        if (o.gap8HostCheck) {
            run = HostRun.run(project, sources, net.output(), plan.hierarchy());
            long agree = 0;
            long pixels = 0;
            double ex = 0;
            double wi = 0;
            for (int i = 0; i < images.size(); i++) {
                byte[] ort = OrtReference.run(q.model(), images.get(i), new long[] {1, 3, meta.height(), meta.width()},
                        net.output(), o.ort);
                OrtReference cmp = OrtReference.compare(ort, run.images().get(i).output(), net.output());
                agree += Math.round(cmp.argmaxAgreement() * cmp.pixels());
                pixels += cmp.pixels();
                ex += cmp.exact() / images.size();
                wi += cmp.withinOne() / images.size();
            }
            agreement = (double) agree / pixels;
            exact = ex;
            within = wi;
        }
        DeployReport.Gap8Simulated gvsoc = o.gap8Gvsoc ? gvsoc(project, net, run, agreement, predictedMs) : null;
        NnToolExport.write(out.resolve("nntool"), fp32Model, calib, meta);
        AtomicFiles.writeString(out.resolve("README-gap8.md"), readme(plan, run, agreement, rv, images.size()));
        return new DeployReport.Gap8Checks(agreement, exact, within, run == null ? null : run.first().checksum(),
                run == null ? null : run.first().cycles(), rv == null ? null : rv.codeBytes(), plan.summary(), plan,
                images.size(), run == null ? null : run.images().stream().map(HostRun.Image::argmax).toList(), gvsoc);
    }

    /** The project whole on GVSOC; its outputs must be the host build's, image by image. */
    private static DeployReport.Gap8Simulated gvsoc(Path project, IntNetwork net, HostRun host, Double agreement,
                                                    Double predictedMs) {
        if (host == null) {
            throw new EdgenasException(ExitCode.USAGE, "--gvsoc compares with the host build: drop --no-host-check");
        }
        String why = GvsocRun.unavailable();
        if (why != null) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "--gvsoc: " + why);
        }
        GvsocRun.Result g = GvsocRun.run(project, net.output(), 4 * 3600);
        List<HostRun.Image> sim = g.run().images();
        boolean same = sim.size() == host.images().size();
        for (int i = 0; same && i < sim.size(); i++) {
            same = sim.get(i).checksum().equals(host.images().get(i).checksum());
        }
        long cycles = sim.get(0).cycles();
        return new DeployReport.Gap8Simulated(sim.size(), same, same ? agreement : null, cycles, cycles / 175_000.0,
                g.run().layerCycles(), predictedMs == null ? null : Math.round(predictedMs * 175_000.0), g.wallSeconds(),
                g.command());
    }

    private static String readme(MemoryPlan plan, HostRun run, Double agreement, RiscvCheck rv, int images) {
        return """
                # GAP8 bundle

                - `project/`: a GAP SDK project generated from `model-int8.onnx` with edgenas' int8 HWC kernels
                  (`project/kernels/`, the same C that the profiler times) and a tiled executor (`en_net.c`): weights
                  in `weights.bin`, which the flash image's ReadFS partition holds and `main.c` copies to HyperRAM at
                  boot; per layer they stream into two L2 buffers; activation tiles move L2 <-> L1 with the cluster
                  DMA, double-buffered; activations the plan spills live in HyperRAM. `main.c` runs every input of
                  `inputs.bin` (%d validation images) and prints cycles, an output checksum and an argmax checksum
                  per image and the cycles of every layer. GVSOC: `source <gap_sdk>/configs/gapuino_v3.sh; cd project;
                  make clean all run platform=gvsoc` (or `scripts/gap8-deploy-gvsoc.sh BUNDLE`). Expected first line:
                  `EN_RESULT image=0 status=0 ... checksum=%s`.
                - On this computer: `project/host-build.sh` builds the same C against the PMSIS host layer
                  (`project/host/`, which enforces the plan's L1/L2/L3 boundaries) and prints the same lines (cycles
                  there are host time, not GAP8 cycles). edgenas deploy ran it: argmax agreement with ONNX Runtime's
                  int8 run %s over the %d images.
                - rv32imc compile check: %s.
                - `memory-plan.json`, `MEMORY.md`: the L1/L2/L3 plan (tiles per layer, L2 arena, weight buffers,
                  spills, HyperRAM/HyperFlash). %s
                - `nntool/`: script and Makefile for GreenWaves' NNTool + AutoTiler flow, for users who have the
                  GAP SDK with NNTool. Not run here (NNTool and AutoTiler are not available to edgenas' build).
                """.formatted(images, run == null ? "(host run skipped)" : run.first().checksum(),
                agreement == null ? "(skipped)" : String.format("%.2f%%", 100 * agreement), images,
                rv == null ? "skipped" : "every source compiles with riscv64-unknown-elf-gcc -march=rv32imc -mabi=ilp32 "
                        + "(code " + rv.codeBytes() + " bytes)",
                plan.fits() ? "The plan fits every level." : "The plan does NOT fit: " + plan.hierarchy().firstMiss() + ".");
    }
}
