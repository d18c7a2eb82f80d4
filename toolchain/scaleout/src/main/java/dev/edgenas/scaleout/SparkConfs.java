package dev.edgenas.scaleout;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.SparkConf;

/** The Spark configuration of an edgenas job: master, loopback binding for local clusters, own folders. */
final class SparkConfs {
    private static final Pattern MASTER = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?|local-cluster\\[\\d+,\\d+,\\d+]"
            + "|spark://[^\\s/]+:\\d+(,[^\\s/]+:\\d+)*");

    private SparkConfs() {
    }

    /**
     * @param props Spark properties given on the command line; they win over everything set here
     */
    static SparkConf of(String appName, String master, Map<String, String> props) {
        if (master == null || !MASTER.matcher(master).matches()) {
            throw new EdgenasException(ExitCode.USAGE, "--master: '" + master + "' is not a Spark master URL "
                    + "(local[N], local-cluster[WORKERS,CORES,MB] or spark://HOST:PORT)");
        }
        SparkConf c = new SparkConf().setAppName(appName).setMaster(master);
        c.set("spark.ui.enabled", "false");
        // one score per task and nothing else to do: no speculative copies (they would only burn cores)
        c.set("spark.speculation", "false");
        if (System.getenv("SPARK_LOCAL_IP") == null && loopback(master)) {
            // otherwise Spark binds to the machine's external interface, which a local cluster does not need
            c.set("spark.driver.host", "127.0.0.1");
            c.set("spark.driver.bindAddress", "127.0.0.1");
        }
        // a standalone cluster's workers choose their own (SPARK_LOCAL_DIRS); local masters use the driver's
        if (System.getenv("SPARK_LOCAL_DIRS") == null && master.startsWith("local")) {
            c.set("spark.local.dir", home().resolve("spark-local").toString());
        }
        props.forEach(c::set);
        return c;
    }

    static boolean loopback(String master) {
        return master.startsWith("local") || master.startsWith("spark://127.") || master.startsWith("spark://localhost:");
    }

    static Path home() {
        String h = System.getenv("EDGENAS_HOME");
        return h != null ? Path.of(h) : Path.of(System.getProperty("user.home"), ".cache", "edgenas");
    }
}
