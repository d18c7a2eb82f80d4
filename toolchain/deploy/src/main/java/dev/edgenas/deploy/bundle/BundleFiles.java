package dev.edgenas.deploy.bundle;

/**
 * Names of the files every bundle holds. They live here, not in {@code Deployer}, so that the bundle
 * writers do not import the class that calls them (no Deployer &lt;-&gt; bundle cycle).
 */
public final class BundleFiles {
    /** The quantised QDQ model. */
    public static final String MODEL_FILE = "model-int8.onnx";
    /** The verification report (accuracy, latency, targets met). */
    public static final String REPORT_FILE = "deploy-report.json";

    private BundleFiles() {
    }
}
