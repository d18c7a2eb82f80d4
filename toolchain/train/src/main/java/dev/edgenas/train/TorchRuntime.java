package dev.edgenas.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;

/**
 * Starts DJL's PyTorch engine the way edgenas needs it: offline (nothing is ever downloaded), with
 * its native libraries in a cache folder edgenas owns, and with a fixed number of threads.
 * DJL reads {@code DJL_CACHE_DIR} first from the environment, then from the system property of the
 * same name; we set the property only when neither is given.
 */
public final class TorchRuntime {
    public static final String ENGINE = "PyTorch";
    private static Integer appliedThreads;

    private TorchRuntime() {
    }

    /** The folder DJL extracts its natives to: $EDGENAS_HOME/djl, else ~/.cache/edgenas/djl. */
    public static Path defaultCacheDir() {
        String home = System.getenv("EDGENAS_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home, "djl");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "edgenas", "djl");
    }

    /**
     * Configures and loads the engine; threads &lt;= 0 keeps PyTorch's default. Safe to call again:
     * a later call with another thread count changes the intra-op pool of the running engine.
     */
    public static synchronized Engine start(int threads) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        if (isBlank(System.getenv("DJL_CACHE_DIR")) && isBlank(System.getProperty("DJL_CACHE_DIR"))) {
            System.setProperty("DJL_CACHE_DIR", defaultCacheDir().toString());
        }
        if (threads > 0 && appliedThreads == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine engine = Engine.getEngine(ENGINE);
        if (threads > 0 && (appliedThreads == null || appliedThreads != threads)) {
            JniUtils.setNumThreads(threads);
            appliedThreads = threads;
        }
        return engine;
    }

    /** A fresh root manager on the PyTorch engine (CPU). */
    public static NDManager newManager(int threads) {
        return start(threads).newBaseManager();
    }

    /** PyTorch version of the loaded engine. */
    public static String version() {
        return start(0).getVersion();
    }

    public static int threads() {
        return JniUtils.getNumThreads();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
