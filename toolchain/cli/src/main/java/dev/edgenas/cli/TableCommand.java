package dev.edgenas.cli;

import picocli.CommandLine.Command;

@Command(name = "table", mixinStandardHelpOptions = true,
        description = "Use latency tables: predict a model's latency, validate a table against measured networks, re-time a device table in whole networks, diff two tables, report on devices and table history.",
        subcommands = {TablePredictCommand.class, TableValidateCommand.class, TableRetimeCommand.class, TableDiffCommand.class, TableReportCommand.class},
        footer = {"%nExamples:", "  edgenas table predict --table latency-tables/cpu-x86.json --model m.onnx",
            "  edgenas table validate --table latency-tables/cpu-x86.json --samples 50",
            "  edgenas table diff old.json new.json --threshold 0.1",
            "  edgenas table report --history latency-tables/history --out work/report"})
final class TableCommand {
}
