package dev.edgenas.cli;

import picocli.CommandLine.Command;

@Command(name = "model", description = "Build DeepLabV3+ models and inspect ONNX graphs.",
        subcommands = {ModelBuildCommand.class, ModelInfoCommand.class}, mixinStandardHelpOptions = true)
final class ModelCommand {
}
