package dev.edgenas.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where an artifact came from: recorded in every file edgenas writes (tables, models' metadata,
 * search results, bundles), so that a figure can always be traced to the tool, inputs and machine.
 *
 * @param tool        always "edgenas"
 * @param version     edgenas version
 * @param gitCommit   commit the running edgenas was built from, with {@value #DIRTY_SUFFIX} when tracked files differed
 *                    from it at build time (as {@code git describe --dirty}), or "unknown"
 * @param commandLine the command line that produced the artifact
 * @param createdAt   UTC time, second precision
 * @param host        host name, OS, architecture, CPU model and core count of the machine that ran
 * @param inputs      input file name -> SHA-256; for a raw export normalised in memory ({@link NormalisedInputs})
 *                    the user's file's SHA-256, plus NAME.path (its path) and NAME.normalised (what changed)
 * @param seed        random seed, or null
 * @param device      device id that produced measurements, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(String tool, String version, String gitCommit, String commandLine,
                         String createdAt, Map<String, String> host, Map<String, String> inputs,
                         Long seed, String device) {

    private static volatile String currentCommandLine = "(library call)";

    /** Set once by the CLI at start-up, so artifacts record how they were made. */
    public static void setCommandLine(String line) {
        currentCommandLine = line;
    }

    public static String toolVersion() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // version stays unknown; not worth failing a run for
        }
        return p.getProperty("version", "unknown");
    }

    /** Appended to the commit of a build made from a checkout with uncommitted changes. */
    public static final String DIRTY_SUFFIX = "-dirty";

    /**
     * The commit this build was made from, baked in at build time (scripts/build-info.sh writes
     * git.properties into edgenas-core), never read at launch: a stale jar records its own commit.
     */
    public static String currentGitCommit() {
        Properties p = buildInfo();
        String c = p.getProperty("git.commit", "unknown").trim();
        if (c.isEmpty() || c.startsWith("$")) {
            return "unknown";
        }
        return "true".equals(p.getProperty("git.dirty")) ? c + DIRTY_SUFFIX : c;
    }

    /** Whether tracked files differed from the commit when this build was made (null when unknown). */
    public static Boolean buildDirty() {
        String d = buildInfo().getProperty("git.dirty", "unknown");
        return d.equals("true") ? Boolean.TRUE : d.equals("false") ? Boolean.FALSE : null;
    }

    private static Properties buildInfo() {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("git.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // the commit stays unknown; not worth failing a run for
        }
        return p;
    }

    /** A provenance for the current process, with the given inputs (files are checksummed). */
    public static Provenance now(Map<String, Path> inputFiles, Long seed, String device) {
        Map<String, String> inputs = new TreeMap<>();
        if (inputFiles != null) {
            inputFiles.forEach((name, path) -> {
                var origin = NormalisedInputs.origin(path);
                if (origin.isPresent()) {
                    // a raw export run from its normalised temporary copy: record the user's file
                    inputs.put(name, "sha256:" + origin.get().sha256());
                    inputs.put(name + ".path", origin.get().original().toString());
                    inputs.put(name + ".normalised", "raw export normalised in memory as 'edgenas model import' does ("
                            + origin.get().changes() + ")");
                } else {
                    inputs.put(name, Files.isRegularFile(path) ? "sha256:" + Checksums.sha256(path) : path.toString());
                }
            });
        }
        return new Provenance("edgenas", toolVersion(), currentGitCommit(), currentCommandLine,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), hostFacts(), inputs, seed, device);
    }

    public static Provenance now() {
        return now(Map.of(), null, null);
    }

    /** Facts about this machine that affect measurements. */
    public static Map<String, String> hostFacts() {
        Map<String, String> m = new TreeMap<>();
        try {
            m.put("hostname", InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            m.put("hostname", "unknown");
        }
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put("arch", System.getProperty("os.arch"));
        m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("cpu", HostInfo.cpuModel());
        m.put("java", System.getProperty("java.version"));
        return m;
    }
}
