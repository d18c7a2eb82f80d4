package dev.edgenas.cli;

import picocli.CommandLine.Command;

@Command(name = "model", description = "Build DeepLabV3+ models, import raw exports and inspect ONNX graphs.",
        subcommands = {ModelBuildCommand.class, ModelInfoCommand.class, ModelImportCommand.class}, mixinStandardHelpOptions = true)
final class ModelCommand {
}
