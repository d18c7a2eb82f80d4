package dev.edgenas.bench;

import dev.edgenas.core.AtomicFiles;
import dev.edgenas.core.ChildProcess;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Opens a page in headless Chromium and saves a screenshot: proof that a report renders in a real
 * browser (tests), and a picture a cron job can mail. Uses {@code EDGENAS_CHROMIUM} or the first of
 * chromium / chromium-browser / google-chrome on PATH; a throw-away profile, no network services.
 */
public final class HeadlessBrowser {
    private static final String[] NAMES = {"chromium", "chromium-browser", "google-chrome"};

    private HeadlessBrowser() {
    }

    /** The browser binary, or an error saying which Debian package to install. */
    public static Path find() {
        String env = System.getenv("EDGENAS_CHROMIUM");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String n : NAMES) {
                Path p = Path.of(dir, n);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE,
                "headless Chromium not found: install the Debian package 'chromium' (apt-get install -y chromium) or set EDGENAS_CHROMIUM");
    }

    /** Renders page (an HTML file) at width x height into png; a failure carries the browser's output. */
    public static void screenshot(Path page, Path png, int width, int height) {
        Path profile;
        try {
            profile = Files.createTempDirectory("edgenas-chromium-");
        } catch (IOException e) {
            throw new EdgenasException(ExitCode.FAILURE, "cannot create a browser profile folder: " + e.getMessage());
        }
        // The browser writes into the throw-away profile; the result is then written atomically.
        Path shot = profile.resolve("shot.png");
        List<String> cmd = new ArrayList<>(List.of(find().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--user-data-dir=" + profile, "--screenshot=" + shot,
                "--window-size=" + width + "," + height, page.toAbsolutePath().toUri().toString()));
        try {
            Path log = profile.resolve("browser.log");
            // Chromium runs as a tree of processes (zygote, renderer, GPU): a timeout kills them all
            ChildProcess.Result r = ChildProcess.run(new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(log.toFile()), Duration.ofSeconds(120));
            if (r.timedOut()) {
                throw new EdgenasException(ExitCode.FAILURE, "headless Chromium did not finish within 120 s: " + page);
            }
            if (r.exit() != 0 || !Files.exists(shot)) {
                String out = Files.readString(log);
                throw new EdgenasException(ExitCode.FAILURE, "headless Chromium exited with " + r.exit()
                        + " and no screenshot of " + page + ": " + out.substring(Math.max(0, out.length() - 800)));
            }
            AtomicFiles.write(png, Files.readAllBytes(shot));
        } catch (IOException e) {
            throw new EdgenasException(ExitCode.FAILURE, "cannot run headless Chromium: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EdgenasException(ExitCode.INTERRUPTED, "interrupted while taking a screenshot");
        } finally {
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp profile is harmless
        }
    }
}
