package dev.edgenas.android;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.BadInputException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AAR path with a stand-in AAR (the real one cannot be downloaded here): its classes.jar is
 * ORT's Java API from the desktop jar (the same classes the AAR ships), its .so files are dummies.
 */
class OrtAndroidLibrariesTest {
    @TempDir
    Path dir;

    private Path fakeAar(boolean withJni) throws Exception {
        Path ortJar = Path.of(ai.onnxruntime.OrtEnvironment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path classes = dir.resolve("classes.jar");
        try (ZipFile src = new ZipFile(ortJar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(classes))) {
            for (ZipEntry e : java.util.Collections.list(src.entries())) {
                if (e.getName().endsWith(".class")) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    src.getInputStream(e).transferTo(out);
                }
            }
        }
        Path aar = dir.resolve("onnxruntime-android-fake.aar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(aar))) {
            put(out, "AndroidManifest.xml", "<manifest/>".getBytes(StandardCharsets.UTF_8));
            put(out, "classes.jar", Files.readAllBytes(classes));
            if (withJni) {
                put(out, "jni/arm64-v8a/libonnxruntime.so", new byte[] {0x7f, 'E', 'L', 'F'});
                put(out, "jni/arm64-v8a/libonnxruntime4j_jni.so", new byte[] {0x7f, 'E', 'L', 'F'});
                put(out, "jni/x86_64/libonnxruntime.so", new byte[] {1});
            }
        }
        return aar;
    }

    private static void put(ZipOutputStream out, String name, byte[] data) throws Exception {
        out.putNextEntry(new ZipEntry(name));
        out.write(data);
    }

    @Test
    void extractsTheAbiLibrariesAndDexesTheJavaApi() throws Exception {
        OrtAndroidLibraries ort = OrtAndroidLibraries.fromAar(fakeAar(true), "arm64-v8a", dir.resolve("work"));
        assertEquals(2, ort.nativeLibraries().size());
        Path dex = dir.resolve("classes.dex");
        try (ZipFile z = new ZipFile(ort.dexJar().toFile())) {
            try (OutputStream o = Files.newOutputStream(dex)) {
                z.getInputStream(z.getEntry("classes.dex")).transferTo(o);
            }
        }
        assertTrue(Files.isExecutable(Path.of("/usr/bin/dexdump")), "dexdump missing: apt-get install dexdump");
        Process p = new ProcessBuilder("/usr/bin/dexdump", dex.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out.substring(Math.max(0, out.length() - 500)));
        assertTrue(out.contains("'Lai/onnxruntime/OrtSession;'"), "OrtSession not in the dexed ORT API");
    }

    @Test
    void anAarWithoutTheAbiLibrariesNamesWhatIsMissing() throws Exception {
        Path aar = fakeAar(false);
        BadInputException e = assertThrows(BadInputException.class,
                () -> OrtAndroidLibraries.fromAar(aar, "arm64-v8a", dir.resolve("work")));
        assertTrue(e.getMessage().contains("jni/arm64-v8a/libonnxruntime.so"), e.getMessage());
        assertTrue(e.getMessage().startsWith(aar.toString()), e.getMessage());
        assertThrows(BadInputException.class, () -> OrtAndroidLibraries.fromAar(Files.writeString(dir.resolve("x.aar"), "no zip"),
                "arm64-v8a", dir.resolve("w2")));
    }
}
