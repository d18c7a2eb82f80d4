package dev.edgenas.gap8;

import static org.junit.jupiter.api.Assertions.fail;

import dev.edgenas.gap8.device.Commands;

/** Tests use real tools; a missing one fails the test with the Debian package to install. */
final class ToolCheck {
    private ToolCheck() {
    }

    static void require(String tool, String debianPackage) {
        if (Commands.which(tool) == null) {
            fail(tool + " is not installed: apt-get install " + debianPackage);
        }
    }
}
