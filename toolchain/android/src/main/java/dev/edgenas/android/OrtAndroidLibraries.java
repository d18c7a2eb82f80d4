package dev.edgenas.android;

import com.android.tools.r8.CompilationFailedException;
import com.android.tools.r8.CompilationMode;
import com.android.tools.r8.D8;
import com.android.tools.r8.D8Command;
import com.android.tools.r8.OutputMode;
import dev.edgenas.core.BadInputException;
import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * ONNX Runtime for the phone, taken from the onnxruntime-android AAR the user supplies: the native
 * libraries of the phone's ABI (jni/ABI/*.so) and the Java API (classes.jar), dexed here with D8
 * because app_process loads only dex.
 */
public record OrtAndroidLibraries(Path aar, String abi, Path dexJar, List<Path> nativeLibraries) {
    public static final String ORT_VERSION = "1.29.0";
    static final List<String> REQUIRED_LIBS = List.of("libonnxruntime.so", "libonnxruntime4j_jni.so");

    public OrtAndroidLibraries {
        nativeLibraries = List.copyOf(nativeLibraries);
    }

    /** The one-line error for a real phone without --ort-aar: says exactly what to download. */
    public static EdgenasException missingAar(AndroidDeviceFacts facts) {
        return new EdgenasException(ExitCode.USAGE, "profiling the real phone " + facts.serial() + " (" + facts.model()
                + ") needs ONNX Runtime for Android: download onnxruntime-android-" + ORT_VERSION
                + ".aar (Maven Central, com.microsoft.onnxruntime:onnxruntime-android:" + ORT_VERSION
                + ", https://repo1.maven.org/maven2/com/microsoft/onnxruntime/onnxruntime-android/" + ORT_VERSION
                + "/) and pass --ort-aar PATH");
    }

    /** Extracts jni/ABI/*.so and dexes classes.jar into workDir. */
    public static OrtAndroidLibraries fromAar(Path aar, String abi, Path workDir) {
        if (!Files.isRegularFile(aar)) {
            throw BadInputException.at(aar, "--ort-aar", "file not found");
        }
        try (ZipFile zip = new ZipFile(aar.toFile())) {
            Path libDir = Files.createDirectories(workDir.resolve("lib"));
            List<Path> libs = new ArrayList<>();
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                String name = entry.getName();
                if (name.startsWith("jni/" + abi + "/") && name.endsWith(".so") && name.indexOf('/', 5 + abi.length()) < 0) {
                    Path target = libDir.resolve(name.substring(name.lastIndexOf('/') + 1));
                    copy(zip, entry, target);
                    libs.add(target);
                }
            }
            for (String required : REQUIRED_LIBS) {
                if (libs.stream().noneMatch(l -> l.getFileName().toString().equals(required))) {
                    throw BadInputException.at(aar, "jni/" + abi + "/" + required,
                            "missing: is this the onnxruntime-android AAR, and does it support the phone's ABI " + abi + "?");
                }
            }
            ZipEntry classes = zip.getEntry("classes.jar");
            if (classes == null) {
                throw BadInputException.at(aar, "classes.jar", "missing: not an Android AAR");
            }
            Path classesJar = workDir.resolve("ort-classes.jar");
            copy(zip, classes, classesJar);
            Path dex = workDir.resolve("ort-dex.jar");
            dex(classesJar, dex);
            return new OrtAndroidLibraries(aar, abi, dex, libs);
        } catch (java.util.zip.ZipException e) {
            throw BadInputException.at(aar, "--ort-aar", "not a zip/AAR file: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + aar, e);
        }
    }

    /** D8 at min API 26 (Android 8), the level the agent is dexed for. */
    public static void dex(Path jar, Path outJar) {
        try {
            Files.deleteIfExists(outJar);
            D8.run(D8Command.builder().addProgramFiles(jar).setMinApiLevel(26).setMode(CompilationMode.RELEASE)
                    .setOutput(outJar, OutputMode.DexIndexed).build());
        } catch (CompilationFailedException | IOException e) {
            throw new EdgenasException(ExitCode.BAD_INPUT, jar + ": D8 could not dex it: " + e.getMessage(), e);
        }
    }

    private static void copy(ZipFile zip, ZipEntry entry, Path target) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
