package dev.edgenas.cli;

import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.ExitCode;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;

/**
 * Writes docs/CLI.md from the commands' own help, so the reference cannot drift from the code
 * (a test compares the file with what this generates). Run: {@code scripts/gen-cli-doc.sh}.
 */
public final class CliReference {
    private CliReference() {
    }

    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# edgenas CLI reference\n\n");
        sb.append("Generated from the commands' `--help` by `scripts/gen-cli-doc.sh`; a test fails when this file is stale.\n\n");
        sb.append("## Exit codes\n\n| code | meaning |\n|---|---|\n");
        for (ExitCode c : ExitCode.values()) {
            sb.append("| ").append(c.code()).append(" | ").append(c.meaning()).append(" |\n");
        }
        CommandLine root = EdgenasCli.commandLine();
        append(sb, root);
        return sb.toString();
    }

    private static void append(StringBuilder sb, CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName();
        if (!name.endsWith(" help")) {
            sb.append("\n## `").append(name).append("`\n\n```\n")
                    .append(cl.getUsageMessage(Ansi.OFF).stripTrailing()).append("\n```\n");
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            append(sb, sub);
        }
    }

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "docs/CLI.md");
        AtomicFiles.writeString(out, markdown());
        System.out.println("wrote " + out);
    }
}
