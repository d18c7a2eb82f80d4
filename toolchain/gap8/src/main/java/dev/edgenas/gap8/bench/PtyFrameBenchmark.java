package dev.edgenas.gap8.bench;

import dev.edgenas.gap8.Gap8KernelResult;
import dev.edgenas.gap8.Gap8Options;
import dev.edgenas.gap8.Gap8Platform;
import dev.edgenas.gap8.Gap8Profiler;
import dev.edgenas.gap8.Gap8RunReport;
import dev.edgenas.gap8.codegen.BatchSpec;
import dev.edgenas.gap8.codegen.FirmwareProject;
import dev.edgenas.gap8.codegen.FirmwareSources;
import dev.edgenas.gap8.codegen.KernelPlan;
import dev.edgenas.gap8.codegen.KernelPlanner;
import dev.edgenas.gap8.device.Gap8Commands;
import dev.edgenas.gap8.device.RunningProcess;
import dev.edgenas.gap8.device.SerialLink;
import dev.edgenas.gap8.device.SocatPair;
import dev.edgenas.gap8.protocol.BatchSession;
import dev.edgenas.gap8.protocol.FrameReader;
import dev.edgenas.ir.KernelKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures the host-sim link: frames per second from the firmware through a socat pty into
 * jSerialComm and the parser, paced like a 115200-baud UART and unpaced (the pty's own limit),
 * and the wall time of a mixed host-sim batch through the whole profiler.
 * Usage: PtyFrameBenchmark [workDir] [reps per kernel, default 300]
 */
public final class PtyFrameBenchmark {
    private PtyFrameBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/pty-bench")).toAbsolutePath();
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        List<KernelPlan> plans = new ArrayList<>();
        for (int i = 1; i <= 3; i++) { // tiny kernels: the stream is almost all SAMPLE frames
            plans.add(KernelPlanner.plan(KernelKey.parse("add;in=1x" + i + "x4x4,1x" + i + "x4x4;out=1x" + i
                    + "x4x4;act=none;prec=int8")));
        }
        FirmwareSources src = FirmwareSources.bundled();
        BatchSpec spec = new BatchSpec(BatchSpec.idOf(plans, reps, 0, 250_000_000L, 175_000_000L, 8), plans, reps, 0,
                250_000_000L, 175_000_000L, 8, 115200, src.hash(), 48 * 1024);
        Path project = work.resolve("project");
        FirmwareProject.write(project, spec, src, "gapuino_v3.sh");
        Path binary = work.resolve("firmware");
        if (RunningProcess.run(Gap8Commands.hostBuild(project, FirmwareProject.firmwareSources(src), false, binary),
                work, Map.of(), work.resolve("build.log"), 120_000) != 0) {
            throw new IllegalStateException("build failed, see " + work.resolve("build.log"));
        }
        stream(spec, binary, work, false);
        stream(spec, binary, work, true);

        Gap8Options o = Gap8Options.builder().platform(Gap8Platform.HOST_SIM).workDir(work.resolve("profile"))
                .reps(20).warmup(3).build();
        List<KernelKey> mixed = List.of(
                KernelKey.parse("conv;in=1x16x32x32;out=1x32x16x16;d=1x1;g=1;k=3x3;p=1,1,1,1;s=2x2;act=relu6;prec=int8"),
                KernelKey.parse("dwconv;in=1x32x16x16;out=1x32x16x16;d=1x1;g=32;k=3x3;p=1,1,1,1;s=1x1;act=relu;prec=int8"),
                KernelKey.parse("add;in=1x16x16x16,1x16x16x16;out=1x16x16x16;act=none;prec=int8"),
                KernelKey.parse("resize;in=1x16x8x8;out=1x16x32x32;ctm=half_pixel;mode=linear;act=none;prec=int8"),
                KernelKey.parse("concat;in=1x16x16x16,1x8x16x16;out=1x24x16x16;axis=1;act=none;prec=int8"),
                KernelKey.parse("maxpool;in=1x16x32x32;out=1x16x16x16;k=2x2;p=0,0,0,0;s=2x2;act=none;prec=int8"),
                KernelKey.parse("avgpool;in=1x16x16x16;out=1x16x8x8;k=3x3;p=1,1,1,1;s=2x2;act=none;prec=int8"));
        long t0 = System.nanoTime();
        Gap8RunReport r = Gap8Profiler.run(mixed, o, x -> { });
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("host-sim profile of %d kernels (reps 20, warm-up 3, incl. 2 gcc builds and the reference "
                + "run): %.2f s, all checksums ok: %s%n", r.results().size(), s,
                r.results().stream().allMatch(Gap8KernelResult::checksumOk));
    }

    private static void stream(BatchSpec spec, Path binary, Path work, boolean unpaced) throws Exception {
        long[] frames = {0};
        long[] firstNs = {0};
        BatchSession session = new BatchSession(new BatchSession.Expectation(spec.batchId(), spec.kernels().size(),
                spec.reps(), spec.warmup(), spec.firmwareHash()), m -> { });
        FrameReader reader = new FrameReader(new FrameReader.Listener() {
            public void onFrame(dev.edgenas.gap8.protocol.Frame f) {
                if (frames[0]++ == 0) {
                    firstNs[0] = System.nanoTime();
                }
                session.onFrame(f);
            }

            public void onError(dev.edgenas.gap8.protocol.FrameError e, String d) {
                session.onError(e, d);
            }
        });
        long bytes = 0;
        try (SocatPair pair = SocatPair.open(work, unpaced ? "unpaced" : "paced");
             SerialLink link = SerialLink.open(pair.host().toString(), 115200);
             RunningProcess fw = RunningProcess.start(List.of(binary.toString()), work,
                     unpaced ? Map.of("EN_UART_TTY", pair.device().toString(), "EN_SIM_UNPACED", "1")
                             : Map.of("EN_UART_TTY", pair.device().toString()),
                     work.resolve(unpaced ? "unpaced.log" : "paced.log"), null)) {
            byte[] buf = new byte[4096];
            long deadline = System.currentTimeMillis() + 120_000;
            while (!session.ended() && System.currentTimeMillis() < deadline) {
                int n = link.read(buf);
                if (n > 0) {
                    bytes += n;
                    reader.feed(buf, 0, n);
                }
            }
        }
        double s = (System.nanoTime() - firstNs[0]) / 1e9;
        System.out.printf("%s: %d frames (%d bytes, %.1f bytes/frame) in %.2f s = %.0f frames/s, %d kernels accepted, "
                        + "line errors %d (115200 8N1 bound: %.0f frames/s)%n",
                unpaced ? "unpaced pty" : "paced at 115200 baud", frames[0], bytes, (double) bytes / frames[0], s,
                (frames[0] - 1) / s, session.accepted().size(), session.stats().lineErrors(),
                11520.0 / ((double) bytes / frames[0]));
    }
}
