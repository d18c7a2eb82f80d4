package dev.edgenas.deploy.gap8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.ChildProcess;
import dev.edgenas.gap8.Gap8Options;
import dev.edgenas.gap8.Gap8Platform;
import dev.edgenas.gap8.device.Gap8Sdk;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NNTool route's main.c, built with the GAP SDK's PMSIS rules and run on GVSOC with the SDK's own
 * image reader (gap_lib ImgIO, host file I/O) and the AutoTiler's real API headers. NNTool and the
 * AutoTiler library are not available, so the generated network is replaced by a stand-in with the
 * generated code's signatures whose logits are a fixed function of the image: the checksum main.c
 * prints must equal the one computed here from samples/input.ppm. Skipped, with the reason, without
 * GVSOC ($EDGENAS_GVSOC_HOME, default ~/.cache/gvsoc, or $GAP_SDK_HOME).
 */
class NnToolMainOnGvsocTest {
    @TempDir
    Path dir;

    private static final String KERNELS_H = """
            #ifndef EDGENAS_KERNELS_H
            #define EDGENAS_KERNELS_H
            #include "Gap.h"
            extern unsigned int AT_GraphPerf[2];
            extern char *AT_GraphNodeNames[2];
            int edgenasCNN_Construct(void);
            int edgenasCNN_Destruct(void);
            int edgenasCNN(unsigned char *in, signed char *out);
            #endif
            """;
    private static final String STANDIN_C = """
            #include "pmsis.h"
            #include "edgenasKernels.h"
            unsigned int AT_GraphPerf[2];
            char *AT_GraphNodeNames[2] = {"S1_StandInA", "S2_StandInB"};
            int edgenasCNN_Construct(void) { return 0; }
            int edgenasCNN_Destruct(void) { return 0; }
            int edgenasCNN(unsigned char *in, signed char *out)
            {
                int hw = EN_OUT_H * EN_OUT_W;
                unsigned int t0 = gap_cl_readhwtimer();
                for (int c = 0; c < EN_CLASSES; c++) {
                    for (int p = 0; p < hw; p++) {
                        out[c * hw + p] = (signed char) ((in[3 * p + c % 3] >> 1) - 64 + 7 * c);
                    }
                }
                AT_GraphPerf[0] = gap_cl_readhwtimer() - t0;
                AT_GraphPerf[1] = 1;
                return 0;
            }
            """;

    @Test
    void mainCReadsTheImageAndReportsArgmaxAndCyclesOnGvsoc() throws Exception {
        Gap8Sdk sdk = Gap8Sdk.locate(Gap8Options.builder().platform(Gap8Platform.GVSOC).build());
        assumeTrue(sdk != null, "GVSOC is not set up here (looked at $GAP_SDK_HOME, $" + Gap8Sdk.GVSOC_HOME_ENV
                + " and " + Gap8Sdk.defaultGvsocHome() + "): build it with scripts/gvsoc/setup-gvsoc.sh (docs/GAP8.md)");
        Path model = NnToolExportTest.tinyModel(dir);
        ModelMetadata meta = ModelMetadata.of(OnnxModels.read(model), model);
        Path out = dir.resolve("nntool");
        NnToolExport.write(out, model, NnToolExportTest.images(1, meta.height(), 3), meta);
        Path app = dir.resolve("app");
        Files.createDirectories(app.resolve("samples"));
        Files.copy(out.resolve("main.c"), app.resolve("main.c"));
        Files.copy(out.resolve("samples/input.ppm"), app.resolve("samples/input.ppm"));
        AtomicFiles.writeString(app.resolve("edgenasKernels.h"), KERNELS_H);
        AtomicFiles.writeString(app.resolve("standin.c"), STANDIN_C);
        int[] hw = NnToolExport.outputHw(dev.edgenas.ir.Graph.read(model), meta);
        // the -D flags of the generated Makefile, with model_decl.mk's GAP8 values
        String defs = "-DPERF -DAT_MODEL_PREFIX=edgenas -DAT_IMAGE=$(CURDIR)/samples/input.ppm -DSTACK_SIZE=4096 "
                + "-DSLAVE_STACK_SIZE=1024 -DFREQ_CL_MHZ=175 -DFREQ_FC_MHZ=250 -DAT_INPUT_WIDTH=" + meta.width()
                + " -DAT_INPUT_HEIGHT=" + meta.height() + " -DAT_INPUT_COLORS=3 -DEN_CLASSES=" + meta.numClasses()
                + " -DEN_OUT_H=" + hw[0] + " -DEN_OUT_W=" + hw[1];
        AtomicFiles.writeString(app.resolve("Makefile"), "APP = nntool_main_check\n"
                + "APP_SRCS = main.c standin.c $(GAP_SDK_HOME)/libs/gap_lib/img_io/ImgIO.c\n"
                + "APP_CFLAGS += -O2 -I. -I$(TILER_EMU_INC) -I$(GAP_SDK_HOME)/libs/gap_lib/include " + defs + "\n"
                + "io = host\n"
                + "include $(RULES_DIR)/pmsis_rules.mk\n");
        String cmd = sdk.sourceLine("gapuino_v3.sh") + " && make -C " + app + " clean all run platform=gvsoc io=host";
        ChildProcess.Result r = ChildProcess.run(new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true),
                Duration.ofMinutes(5));
        String log = r.stdout();
        assertEquals(0, r.exit(), log);
        assertTrue(log.contains("EN_RESULT status=0"), log);
        Matcher m = Pattern.compile("EN_ARGMAX checksum=(\\d+)").matcher(log);
        assertTrue(m.find(), log);
        assertEquals(expectedChecksum(Files.readAllBytes(app.resolve("samples/input.ppm")), meta, hw), Long.parseLong(m.group(1)));
        Matcher t = Pattern.compile("EN_TOTAL cycles=(\\d+) us=(\\d+) at 175 MHz").matcher(log);
        assertTrue(t.find(), log);
        assertTrue(Long.parseLong(t.group(1)) > 1000, "cycles " + t.group(1));
        assertTrue(log.contains("EN_LAYER S1_StandInA cycles="), log);
    }

    /** The stand-in's logits from the PPM's pixels, argmax with the first maximum winning, as main.c sums it. */
    private static long expectedChecksum(byte[] ppm, ModelMetadata meta, int[] hw) {
        int header = ("P6\n" + meta.width() + " " + meta.height() + "\n255\n").length();
        int pixels = hw[0] * hw[1];
        long sum = 0;
        for (int p = 0; p < pixels; p++) {
            int best = 0;
            int bestScore = Integer.MIN_VALUE;
            for (int c = 0; c < meta.numClasses(); c++) {
                int score = (byte) (((ppm[header + 3 * p + c % 3] & 0xff) >> 1) - 64 + 7 * c);
                if (score > bestScore) {
                    bestScore = score;
                    best = c;
                }
            }
            sum += (long) (p + 1) * best;
        }
        return sum & 0xffffffffL;
    }
}
