package dev.edgenas.runtime;

import java.nio.file.Path;

/**
 * DJL never downloads anything at run time in edgenas: offline mode is forced, and its cache lives
 * in a folder edgenas owns ($EDGENAS_HOME/djl, default ~/.cache/edgenas/djl) unless DJL_CACHE_DIR is set.
 */
public final class DjlSetup {
    private DjlSetup() {
    }

    public static synchronized void offline() {
        System.setProperty("ai.djl.offline", "true");
        if (System.getenv("DJL_CACHE_DIR") == null && System.getProperty("DJL_CACHE_DIR") == null) {
            String home = System.getenv("EDGENAS_HOME");
            Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".cache", "edgenas");
            System.setProperty("DJL_CACHE_DIR", base.resolve("djl").toString());
        }
    }
}
