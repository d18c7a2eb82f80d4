package dev.edgenas.agent.android;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.io.File;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Gets ONNX Runtime going before anything else touches it, so that every way it can fail on a phone
 * is one clear line instead of a crash deep inside ORT.
 *
 * <p>On Android, ORT 1.29's Java API tests {@code java.vendor == "The Android Project"} and then
 * only calls {@code System.loadLibrary("onnxruntime4j_jni")}; libonnxruntime.so must then be found
 * by the dynamic linker as that library's dependency, which depends on the Android version's
 * linker namespaces and LD_LIBRARY_PATH handling. The agent therefore loads libonnxruntime.so and
 * then libonnxruntime4j_jni.so itself, by absolute path, before the first ORT class initialises:
 * ORT's own loadLibrary then finds the library already loaded. On the host (desktop JVM) ORT
 * extracts its natives from its jar as usual and nothing is loaded here.
 */
final class OrtLoader {
    static final String ANDROID_VENDOR = "The Android Project";
    /**
     * Set only by the simulated phone: the java.vendor the agent should pretend to run under. A
     * HotSpot JVM ignores -Djava.vendor, so the agent sets the property itself, before ORT reads it.
     */
    static final String SIMULATED_VENDOR_PROPERTY = "edgenas.agent.simulatedVendor";
    static final String[] LIBRARIES = {"libonnxruntime.so", "libonnxruntime4j_jni.so"};

    /** ONNX Runtime cannot be used on this device; the agent exits with {@link #EXIT_CODE}. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    static final int EXIT_CODE = 4;

    private OrtLoader() {
    }

    /** Applies the simulator's vendor, if any; must run before any ORT class is touched. */
    static void applySimulatedVendor() {
        String v = System.getProperty(SIMULATED_VENDOR_PROPERTY);
        if (v != null && !v.isEmpty()) {
            System.setProperty("java.vendor", v);
        }
    }

    /** The same test ORT's Java API makes. */
    static boolean isAndroid() {
        return ANDROID_VENDOR.equals(System.getProperty("java.vendor", "generic"));
    }

    /**
     * Loads the native libraries by absolute path on Android (none elsewhere) and returns the paths
     * loaded.
     *
     * @param libDir the folder holding the AAR's jni/ABI libraries; required on Android
     */
    static List<String> loadNatives(File libDir) throws Unusable {
        List<String> loaded = new ArrayList<String>();
        if (!isAndroid()) {
            return loaded;
        }
        if (libDir == null) {
            throw new Unusable("running on Android (java.vendor \"" + ANDROID_VENDOR + "\") but no --ort-lib-dir was given:"
                    + " the agent loads " + LIBRARIES[0] + " from there by absolute path");
        }
        for (String name : LIBRARIES) {
            File f = new File(libDir, name).getAbsoluteFile();
            if (!f.isFile()) {
                throw new Unusable(f.getPath() + ": not found; push the onnxruntime-android AAR's jni/<abi>/" + name
                        + " there (edgenas does this when given --ort-aar)");
            }
            try {
                System.load(f.getPath());
            } catch (UnsatisfiedLinkError e) {
                throw new Unusable(f.getPath() + ": the dynamic linker refused it: " + oneLine(e.getMessage())
                        + " (wrong ABI for this phone, or a library it needs is missing)");
            }
            loaded.add(f.getPath());
        }
        return loaded;
    }

    /**
     * Initialises ORT and checks its native version against what the host expects (null: no
     * check); a mismatch, or Java classes that do not fit the native library, is {@link Unusable}.
     */
    static OrtEnvironment environment(String expectedVersion) throws Unusable {
        OrtEnvironment env;
        String version;
        try {
            env = OrtEnvironment.getEnvironment();
            version = env.getVersion();
        } catch (LinkageError | IllegalStateException e) {
            // ORT throws IllegalStateException when its classes and native library disagree (another
            // AAR's classes.jar with these .so files), a LinkageError when a native method is missing.
            throw new Unusable("ONNX Runtime could not start: " + describe(e)
                    + (expectedVersion == null ? "" : "; the host expects ONNX Runtime " + expectedVersion
                    + " (classes.jar and jni/ from the same onnxruntime-android-" + expectedVersion + ".aar)"));
        }
        if (expectedVersion != null && !expectedVersion.equals(version)) {
            throw new Unusable("ONNX Runtime on this device is " + version + " but the host expects " + expectedVersion
                    + ": use onnxruntime-android-" + expectedVersion + ".aar (its tables and models are made for that"
                    + " version)");
        }
        return env;
    }

    /** Checks that ORT was built with the provider behind {@code --ep}. */
    static void requireProvider(String ep) throws Unusable {
        OrtProvider wanted = provider(ep);
        EnumSet<OrtProvider> have = OrtEnvironment.getAvailableProviders();
        if (!have.contains(wanted)) {
            throw new Unusable("--ep " + ep + ": this ONNX Runtime build has no " + wanted.getName() + " (it has "
                    + names(have) + "); the onnxruntime-android AAR has NNAPI and XNNPACK, the desktop jar only CPU");
        }
    }

    static OrtProvider provider(String ep) {
        if ("cpu".equals(ep)) {
            return OrtProvider.CPU;
        } else if ("xnnpack".equals(ep)) {
            return OrtProvider.XNNPACK;
        } else if ("nnapi".equals(ep)) {
            return OrtProvider.NNAPI;
        }
        throw new IllegalArgumentException("--ep must be cpu, xnnpack or nnapi, got " + ep);
    }

    static String names(EnumSet<OrtProvider> providers) {
        StringBuilder sb = new StringBuilder();
        for (OrtProvider p : providers) {
            sb.append(sb.length() == 0 ? "" : ", ").append(p.getName());
        }
        return sb.toString();
    }

    /** The innermost cause, as class and message (initialiser errors wrap the real one). */
    static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + oneLine(root.getMessage());
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }
}
