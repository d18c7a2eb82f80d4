package dev.edgenas.cli;

import picocli.CommandLine.Command;

@Command(name = "data", description = "Create and check segmentation datasets (PASCAL VOC layout).",
        subcommands = {DataSynthCommand.class, DataCheckCommand.class}, mixinStandardHelpOptions = true)
final class DataCommand {
}
