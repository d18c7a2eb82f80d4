package dev.edgenas.deploy.gap8;

import dev.edgenas.core.ChildProcess;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs the C toolchains; a missing tool is an error naming the Debian package that provides it. */
final class Tools {
    record Result(int exit, String output) {
    }

    private Tools() {
    }

    static Result run(List<String> cmd, Path dir, Map<String, String> env, int timeoutSeconds, String debianPackage) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        try {
            ChildProcess.Result r = ChildProcess.run(pb, Duration.ofSeconds(timeoutSeconds)); // kills make's children too
            if (r.timedOut()) {
                throw new EdgenasException(ExitCode.FAILURE, cmd.get(0) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(r.exit(), r.stdout());
        } catch (IOException e) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "cannot run " + cmd.get(0) + " (" + e.getMessage()
                    + "): install the Debian package " + debianPackage);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgenasException(ExitCode.INTERRUPTED, "interrupted while running " + cmd.get(0));
        }
    }

    static String tail(String s, int lines) {
        String[] l = s.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(l, Math.max(0, l.length - lines), l.length));
    }
}
