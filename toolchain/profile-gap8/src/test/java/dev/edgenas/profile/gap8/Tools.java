package dev.edgenas.profile.gap8;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tests need real tools: a missing one fails with the Debian package to install, never a skip. */
final class Tools {
    private Tools() {
    }

    static void require(String tool, String debianPackage) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return;
            }
        }
        fail(tool + " not found: install the Debian package " + debianPackage);
    }
}
