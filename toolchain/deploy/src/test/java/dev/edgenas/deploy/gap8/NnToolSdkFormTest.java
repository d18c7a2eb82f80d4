package dev.edgenas.deploy.gap8;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgenas.gap8.Gap8Options;
import dev.edgenas.gap8.Gap8Platform;
import dev.edgenas.gap8.device.Gap8Sdk;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated NNTool project checked against a GAP SDK checkout (the one GVSOC was built from): every
 * Makefile variable it sets is one the SDK's rules read (or the Makefile itself uses), every file it
 * includes exists, every nntool.script command is one of NNTool's, every `set` key one of its settings,
 * and the aquant/imageformat arguments are ones NNTool accepts. Skipped, with the reason, without an SDK.
 */
class NnToolSdkFormTest {
    @TempDir
    Path dir;

    @Test
    void makefileAndScriptUseOnlyWhatTheSdkDefines() throws Exception {
        Gap8Sdk sdk = Gap8Sdk.locate(Gap8Options.builder().platform(Gap8Platform.GVSOC).build());
        assumeTrue(sdk != null, "no GAP SDK here (looked at $GAP_SDK_HOME, $" + Gap8Sdk.GVSOC_HOME_ENV + " and "
                + Gap8Sdk.defaultGvsocHome() + "): scripts/gvsoc/setup-gvsoc.sh sets one up (docs/GAP8.md)");
        Path root = sdk.root();
        Path nntool = root.resolve("tools/nntool/nntool");
        assumeTrue(Files.isDirectory(nntool), "the GAP SDK at " + root + " has no tools/nntool");
        Path model = NnToolExportTest.tinyModel(dir);
        ModelMetadata meta = ModelMetadata.of(OnnxModels.read(model), model);
        Path out = dir.resolve("nntool");
        NnToolExport.write(out, model, NnToolExportTest.images(2, meta.height(), 4), meta);

        String mk = Files.readString(out.resolve("Makefile"));
        String rules = concat(root.resolve("examples/gap8/nn/nntool/common"), root.resolve("utils/rules"),
                root.resolve("rtos/pulp"));
        Matcher a = Pattern.compile("(?m)^\\s*([A-Za-z_][A-Za-z_0-9]*)\\s*(\\?=|\\+=|:=|=)").matcher(mk);
        List<String> unread = new ArrayList<>();
        while (a.find()) {
            String v = a.group(1);
            boolean read = rules.contains("$(" + v + ")") || rules.contains("ifdef " + v) || rules.contains("${" + v + "}")
                    || mk.contains("$(" + v + ")");
            if (!read) {
                unread.add(v);
            }
        }
        assertTrue(unread.isEmpty(), "set but read neither by the SDK's rules nor by the Makefile: " + unread);
        assertTrue(Files.isRegularFile(root.resolve("examples/gap8/nn/nntool/common/model_decl.mk")));
        assertTrue(Files.isRegularFile(root.resolve("examples/gap8/nn/nntool/common/model_rules.mk")));
        assertTrue(Files.isRegularFile(root.resolve("utils/rules/pmsis_rules.mk")));

        String settings = Files.readString(nntool.resolve("interpreter/settings.py"))
                + Files.readString(nntool.resolve("generation/autotiler_options.py"));
        String commands = concat(nntool.resolve("interpreter"));
        for (String line : Files.readAllLines(out.resolve("nntool.script"))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] w = l.split("\\s+");
            if (w[0].equals("set")) {
                boolean known = w[1].equals("debug") // cmd2's own settable
                        || settings.contains("'" + w[1] + "'") || settings.contains("'" + w[1].toUpperCase() + "'");
                assertTrue(known, "NNTool has no setting " + w[1]);
                if (w[1].startsWith("l3_")) {
                    assertTrue(settings.contains("'" + w[2] + "'"), "NNTool has no memory device " + w[2]);
                }
            } else {
                assertTrue(commands.contains("def do_" + w[0] + "("), "NNTool has no command " + w[0]);
            }
        }
        String shell = Files.readString(nntool.resolve("interpreter/shell_utils.py"));
        assertTrue(shell.contains("'-T', '--transpose'"), "aquant -T");
        // imageformat's choices are these tables' keys, lower-cased; OFFSET_INT8 is pixel - 128 as int8,
        // which is what the folded model.onnx was made to take
        String formats = Files.readString(nntool.resolve("utils/formatters.py"));
        assertTrue(formats.contains("\"RGB888\": from_hwc") && formats.contains("\"OFFSET_INT8\": offset_int8")
                && formats.contains("- 128).astype(np.int8)"), "imageformat rgb888 offset_int8");
    }

    private static String concat(Path... roots) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Path r : roots) {
            if (!Files.isDirectory(r)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(r)) {
                for (Path p : s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".mk")
                        || p.toString().endsWith(".py") || p.getFileName().toString().equals("Makefile")).toList()) {
                    b.append(Files.readString(p)).append('\n');
                }
            }
        }
        return b.toString();
    }
}
