package dev.edgenas.cli;

import picocli.CommandLine.Command;

@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Use latency tables: predict a model's latency, validate a table against measured networks.",
        subcommands = {TablePredictCommand.class, TableValidateCommand.class},
        footer = {"%nExamples:", "  edgenas table predict --table latency-tables/cpu-x86.json --model m.onnx",
            "  edgenas table validate --table latency-tables/cpu-x86.json --samples 50"})
final class TableCommand {
}
