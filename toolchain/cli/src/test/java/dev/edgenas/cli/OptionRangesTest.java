package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** Every numeric option of every command has a range rule, and its default lies inside it. */
class OptionRangesTest {
    @Test
    void everyNumericOptionHasARuleThatAllowsItsDefault() {
        List<String> missing = new ArrayList<>();
        List<String> badDefaults = new ArrayList<>();
        int[] checked = {0};
        walk(new CommandLine(new EdgenasCli()), missing, badDefaults, checked);
        assertEquals(List.of(), missing, "numeric options without a rule in OptionRanges");
        assertEquals(List.of(), badDefaults, "defaults outside their own range");
        assertTrue(checked[0] > 60, "only " + checked[0] + " numeric options found");
    }

    private static void walk(CommandLine cl, List<String> missing, List<String> badDefaults, int[] checked) {
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (!OptionRanges.isNumeric(o)) {
                continue;
            }
            checked[0]++;
            OptionRanges.Range r = OptionRanges.rule(cl.getCommandSpec(), o);
            String where = cl.getCommandSpec().qualifiedName() + " " + o.longestName();
            if (r == null) {
                missing.add(where);
            } else {
                // the annotation's default, or the one the command's default provider gives (OptionDefaults)
                var provider = cl.getCommandSpec().defaultValueProvider();
                String dflt = o.defaultValue();
                try {
                    dflt = dflt != null || provider == null ? dflt : provider.defaultValue(o);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                if (dflt != null && !r.allows(Double.parseDouble(dflt))) {
                    badDefaults.add(where + " = " + dflt);
                }
            }
        }
        cl.getSubcommands().values().forEach(sub -> walk(sub, missing, badDefaults, checked));
    }
}
