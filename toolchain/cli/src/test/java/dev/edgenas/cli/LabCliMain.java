package dev.edgenas.cli;

import dev.edgenas.core.Provenance;
import picocli.CommandLine;

/**
 * The CLI as the lab-bench script tests start it (through EDGENAS_CMD): EdgenasCli, with
 * {@code devices} registered if EdgenasCli does not list it yet (as {@link DeviceCli} does).
 */
public final class LabCliMain {
    private LabCliMain() {
    }

    public static void main(String[] args) {
        Provenance.setCommandLine("edgenas " + String.join(" ", args));
        CommandLine cl = new CommandLine(new EdgenasCli());
        if (!cl.getSubcommands().containsKey("devices")) {
            cl.addSubcommand("devices", new DevicesCommand());
        }
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new Errors());
        cl.setParameterExceptionHandler(new Errors());
        System.exit(cl.execute(args));
    }
}
