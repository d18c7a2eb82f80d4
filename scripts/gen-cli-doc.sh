#!/usr/bin/env bash
# Regenerates docs/CLI.md from the commands' --help (the CLI tests fail when it is stale).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[[ -f toolchain/cli/target/edgenas-cli.jar ]] || mvn -q -B -DskipTests install
java -cp toolchain/cli/target/edgenas-cli.jar dev.edgenas.cli.CliReference docs/CLI.md
