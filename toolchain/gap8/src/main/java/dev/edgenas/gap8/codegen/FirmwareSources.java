package dev.edgenas.gap8.codegen;

import dev.edgenas.core.Checksums;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The firmware's fixed sources, bundled in the jar from gap8-templates/ (firmware main, protocol
 * writer, Makefile), device-agents/gap8/kernels/ (the en_* kernels) and device-agents/gap8/host/
 * (the PMSIS host layer of host-sim). Keys are project-relative paths: "en_main.c",
 * "kernels/en_conv2d.c", "host/pmsis.h".
 */
public final class FirmwareSources {
    private static final String ROOT = "dev/edgenas/gap8/firmware/";
    private static volatile FirmwareSources bundled;

    private final Map<String, byte[]> files;
    private final String hash;

    private FirmwareSources(Map<String, byte[]> files) {
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
        StringBuilder all = new StringBuilder();
        this.files.forEach((k, v) -> all.append(k).append('\0').append(Checksums.sha256(v)).append('\n'));
        this.hash = Checksums.sha256(all.toString().getBytes(StandardCharsets.UTF_8)).substring(0, 8);
    }

    /** The sources in this jar (or class folder). */
    public static FirmwareSources bundled() {
        if (bundled == null) {
            Map<String, byte[]> m = new TreeMap<>();
            read("templates/", "", m);
            read("kernels/", "kernels/", m);
            read("host/", "host/", m);
            for (String needed : new String[] {"en_main.c", "en_proto.c", "en_proto.h", "en_batch.h", "Makefile.in",
                    "kernels/en_kernels.h", "host/pmsis.h", "host/pmsis_host.c"}) {
                if (!m.containsKey(needed)) {
                    throw new IllegalStateException("firmware source " + needed + " is missing from the edgenas-gap8 jar");
                }
            }
            bundled = new FirmwareSources(m);
        }
        return bundled;
    }

    /** Project-relative path to content. */
    public Map<String, byte[]> files() {
        return files;
    }

    /** 8 hex digits identifying the firmware sources; the device reports it in HELLO. */
    public String hash() {
        return hash;
    }

    public String text(String path) {
        byte[] b = files.get(path);
        if (b == null) {
            throw new IllegalArgumentException("no firmware source " + path);
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static void read(String dir, String prefix, Map<String, byte[]> out) {
        URL url = FirmwareSources.class.getClassLoader().getResource(ROOT + dir);
        if (url == null) {
            return;
        }
        try {
            if (url.getProtocol().equals("file")) {
                Path base = Path.of(url.toURI());
                try (Stream<Path> s = Files.list(base)) {
                    for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile).sorted()::iterator) {
                        out.put(prefix + p.getFileName(), Files.readAllBytes(p));
                    }
                }
            } else if (url.getProtocol().equals("jar")) {
                JarURLConnection con = (JarURLConnection) url.openConnection();
                con.setUseCaches(false);
                try (JarFile jar = con.getJarFile()) {
                    Enumeration<JarEntry> en = jar.entries();
                    while (en.hasMoreElements()) {
                        JarEntry e = en.nextElement();
                        String name = e.getName();
                        if (!e.isDirectory() && name.startsWith(ROOT + dir) && name.indexOf('/', (ROOT + dir).length()) < 0) {
                            try (InputStream in = jar.getInputStream(e)) {
                                out.put(prefix + name.substring((ROOT + dir).length()), in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled firmware sources: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
