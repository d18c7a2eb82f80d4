package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.search.SearchOptions;
import dev.edgenas.train.TrainOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** search, train and deploy take their option defaults from Search/Train/DeployOptions: each is declared once. */
class OptionDefaultsTest {
    @Test
    void noDefaultIsDeclaredBothInTheCommandAndInItsOptionsClass() {
        CommandLine cl = EdgenasCli.commandLine();
        List<String> twice = new ArrayList<>();
        int fromOptions = 0;
        java.util.Map<String, OptionDefaults> providers = java.util.Map.of("search", new OptionDefaults.Search(),
                "train", new OptionDefaults.Train(), "deploy", new OptionDefaults.Deploy());
        for (String cmd : List.of("search", "train", "deploy")) {
            CommandSpec spec = cl.getSubcommands().get(cmd).getCommandSpec();
            OptionDefaults provider = providers.get(cmd);
            for (OptionSpec o : spec.options()) {
                if (provider.defaultValue(o) == null) {
                    continue;
                }
                if (o.defaultValue() != null) {
                    twice.add(cmd + " " + o.longestName());
                }
                fromOptions++;
            }
        }
        assertEquals(List.of(), twice, "defaults declared in the command and in its options class");
        assertTrue(fromOptions > 40, "only " + fromOptions + " defaults come from the options classes");
    }

    @Test
    void aParsedCommandCarriesTheOptionsClassDefaults() {
        CommandLine cl = EdgenasCli.commandLine();
        CommandLine search = cl.getSubcommands().get("search");
        cl.parseArgs("search");
        SearchCommand s = search.getCommand();
        SearchOptions d = new SearchOptions();
        assertEquals(d.valSubset, s.valSubset);
        assertEquals(d.finetuneLr, s.finetuneLr);
        assertEquals(d.algorithm, s.algorithm);
        assertEquals(d.maxDrop * 100, s.maxDropPoints, 1e-9);
        assertEquals(d.model, s.model);
        assertTrue(search.getUsageMessage().contains("default " + d.valSubset + ")"), "help shows the default");
        CommandLine train = cl.getSubcommands().get("train");
        cl.parseArgs("train", "--model", "m.onnx", "--data", "d", "--out", "o.onnx");
        TrainCommand t = train.getCommand();
        TrainOptions e = new TrainOptions();
        assertEquals(e.lr, t.lr);
        assertEquals(e.optimizer, t.optimizer);
        assertEquals(e.warmupEpochs, t.warmupEpochs);
        CommandLine deploy = cl.getSubcommands().get("deploy");
        cl.parseArgs("deploy", "--target", "cpu");
        DeployCommand dc = deploy.getCommand();
        dev.edgenas.deploy.DeployOptions f = new dev.edgenas.deploy.DeployOptions();
        assertEquals(f.calibImages, dc.calibImages);
        assertEquals(f.percentile, dc.percentile);
        assertEquals(f.valSplit, dc.valSplit);
        assertEquals(f.method, dev.edgenas.deploy.quant.CalibrationMethod.parse(dc.method));
        assertEquals(f.runs, dc.runs);
        assertEquals(f.seed, dc.seed);
        assertEquals(f.gap8Images, dc.gap8Images);
    }
}
