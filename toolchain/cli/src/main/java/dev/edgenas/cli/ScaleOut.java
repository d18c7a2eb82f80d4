package dev.edgenas.cli;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The scale-out engines (toolchain/scaleout: Spark and its ~160 jars) are not on the CLI's class path: a plain run
 * never loads them. {@code --engine spark} loads that module's target/lib into a child class loader (parent
 * first, so edgenas' own classes stay the CLI's) and finds the engine there by ServiceLoader.
 */
final class ScaleOut {
    private static ClassLoader loader;

    private ScaleOut() {
    }

    static <T> T provider(Class<T> type, String name) {
        ClassLoader l = loader();
        for (T p : ServiceLoader.load(type, l)) {
            if (name(p).equals(name)) {
                // Spark resolves classes through the context class loader (also in the threads it starts)
                Thread.currentThread().setContextClassLoader(l);
                return p;
            }
        }
        throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "--engine " + name + ": no such engine in "
                + libDir() + " (rebuild: mvn -pl toolchain/scaleout -am install -DskipTests)");
    }

    private static String name(Object provider) {
        try {
            return (String) provider.getClass().getMethod("name").invoke(provider);
        } catch (ReflectiveOperationException e) {
            return "";
        }
    }

    /**
     * The scale-out jars: system property edgenas.scaleout.lib or $EDGENAS_SCALEOUT_LIB, else
     * toolchain/scaleout/target/lib next to the CLI's jar (the layout of a source checkout, which ./edgenas builds).
     */
    static Path libDir() {
        String env = System.getProperty("edgenas.scaleout.lib", System.getenv("EDGENAS_SCALEOUT_LIB"));
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        try {
            Path cliJar = Path.of(ScaleOut.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return cliJar.getParent().getParent().resolveSibling("scaleout").resolve("target").resolve("lib");
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized ClassLoader loader() {
        if (loader != null) {
            return loader;
        }
        Path dir = libDir();
        if (!Files.isRegularFile(dir.resolve("edgenas-scaleout.jar"))) {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, dir + ": the scale-out engine is not built (mvn -pl "
                    + "toolchain/scaleout -am install -DskipTests, or set EDGENAS_SCALEOUT_LIB)");
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> jars = Files.list(dir)) {
            for (Path j : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                urls.add(j.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loader = new URLClassLoader("edgenas-scaleout", urls.toArray(URL[]::new), ScaleOut.class.getClassLoader());
        return loader;
    }
}
