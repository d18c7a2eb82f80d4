package dev.edgenas.agent.android;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Android branch of native loading, with java.vendor set as ART sets it. Only the failure
 * paths run in this JVM (its ORT is the desktop one, already loaded from the jar); the path that
 * loads real libraries by absolute path runs in the simulated phone's agent process
 * (toolchain/android AndroidVendorTest).
 */
class OrtLoaderTest {
    @TempDir
    Path dir;

    private static <T> T asAndroid(java.util.concurrent.Callable<T> body) throws Exception {
        String vendor = System.getProperty("java.vendor");
        System.setProperty("java.vendor", OrtLoader.ANDROID_VENDOR);
        try {
            return body.call();
        } finally {
            System.setProperty("java.vendor", vendor);
        }
    }

    @Test
    void onTheHostNothingIsLoaded() throws Exception {
        assertFalse(OrtLoader.isAndroid());
        assertTrue(OrtLoader.loadNatives(null).isEmpty());
    }

    @Test
    void onAndroidTheLibraryFolderIsRequiredAndEachLibraryMustExist() throws Exception {
        OrtLoader.Unusable none = assertThrows(OrtLoader.Unusable.class, () -> asAndroid(() -> OrtLoader.loadNatives(null)));
        assertTrue(none.getMessage().contains("no --ort-lib-dir"), none.getMessage());
        OrtLoader.Unusable missing = assertThrows(OrtLoader.Unusable.class,
                () -> asAndroid(() -> OrtLoader.loadNatives(dir.toFile())));
        assertTrue(missing.getMessage().contains(dir.resolve("libonnxruntime.so") + ": not found"), missing.getMessage());
    }

    @Test
    void aLibraryTheLinkerRefusesIsOneClearLine() throws Exception {
        Files.write(dir.resolve("libonnxruntime.so"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 0});
        Files.write(dir.resolve("libonnxruntime4j_jni.so"), new byte[0]);
        OrtLoader.Unusable e = assertThrows(OrtLoader.Unusable.class, () -> asAndroid(() -> OrtLoader.loadNatives(dir.toFile())));
        assertTrue(e.getMessage().startsWith(dir.resolve("libonnxruntime.so") + ": the dynamic linker refused it"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void theSimulatorsVendorIsAppliedOnlyWhenSet() {
        String vendor = System.getProperty("java.vendor");
        try {
            OrtLoader.applySimulatedVendor();
            assertEquals(vendor, System.getProperty("java.vendor"));
            System.setProperty(OrtLoader.SIMULATED_VENDOR_PROPERTY, OrtLoader.ANDROID_VENDOR);
            OrtLoader.applySimulatedVendor();
            assertTrue(OrtLoader.isAndroid());
        } finally {
            System.clearProperty(OrtLoader.SIMULATED_VENDOR_PROPERTY);
            System.setProperty("java.vendor", vendor);
        }
    }
}
