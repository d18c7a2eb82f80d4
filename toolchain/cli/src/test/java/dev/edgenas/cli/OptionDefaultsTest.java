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

/** search and train take their option defaults from SearchOptions and TrainOptions: each is declared once. */
class OptionDefaultsTest {
    @Test
    void noDefaultIsDeclaredBothInTheCommandAndInItsOptionsClass() {
        CommandLine cl = EdgenasCli.commandLine();
        List<String> twice = new ArrayList<>();
        int fromOptions = 0;
        for (String cmd : List.of("search", "train")) {
            CommandSpec spec = cl.getSubcommands().get(cmd).getCommandSpec();
            Class<?> c = cmd.equals("search") ? SearchOptions.class : TrainOptions.class;
            for (OptionSpec o : spec.options()) {
                if (OptionDefaults.field(c, o.longestName()) == null) {
                    continue;
                }
                if (o.defaultValue() != null) {
                    twice.add(cmd + " " + o.longestName());
                }
                if (new OptionDefaults.Search().defaultValue(o) != null || new OptionDefaults.Train().defaultValue(o) != null) {
                    fromOptions++;
                }
            }
        }
        assertEquals(List.of(), twice, "defaults declared in the command and in its options class");
        assertTrue(fromOptions > 30, "only " + fromOptions + " defaults come from the options classes");
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
    }
}
