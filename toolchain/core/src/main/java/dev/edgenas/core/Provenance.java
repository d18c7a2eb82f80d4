package dev.edgenas.core;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Where an artifact came from, nested as Tribuo nests it: the tool that made it, the inputs it read (each
 * with its checksum), the device it describes, and the run (seed, the effective options, command line,
 * time, host). Every file edgenas writes embeds this one record (tables under provenance.origin, the
 * search journal's header, pareto.json, bundle manifests, models' {@code edgenas.provenance}), so a
 * figure can always be traced to the build, inputs and machine; {@link Builder} is the one place that
 * builds it.
 *
 * @param tool   name, version and the commit this build was made from (baked in, with its dirty flag)
 * @param inputs the files read, by role (model, data, latencyTable0, ...)
 * @param device the device the artifact describes or targets (cpu, gap8:..., android:...), or null
 * @param run    seed, effective options, command line, time and host of the run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Provenance(Tool tool, List<Input> inputs, String device, Run run) {

    /** The build that made an artifact; {@code dirty}: tracked files differed from {@code commit} (null: unknown). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tool(String name, String version, String commit, Boolean dirty) {
    }

    /**
     * One input file: its role, path as given, and SHA-256 (null for a folder, e.g. a dataset root);
     * {@code normalised} says what was changed when a raw export was run from its normalised temporary
     * copy ({@link NormalisedInputs}): path and checksum are then the user's own file's.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Input(String role, String path, String sha256, String normalised) {
        public Input(String role, String path, String sha256) {
            this(role, path, sha256, null);
        }
    }

    /**
     * @param seed        random seed, or null
     * @param options     the effective options (resolved values, defaults included), by name
     * @param commandLine the command line, "(library call)" outside the CLI
     * @param createdAt   UTC time, second precision
     * @param host        host name, OS, architecture, CPU model, cores and Java of the machine that ran
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Run(Long seed, Map<String, String> options, String commandLine, String createdAt,
                      Map<String, String> host) {
    }

    private static volatile String currentCommandLine = "(library call)";
    private static volatile Map<String, String> currentOptions = Map.of();

    /** Set once by the CLI at start-up, so artifacts record how they were made. */
    public static void setCommandLine(String line) {
        currentCommandLine = line;
    }

    /**
     * Set by the CLI once the subcommand's options are resolved (defaults included): the effective options an
     * artifact records when its writer has no options object of its own.
     */
    public static void setOptions(Map<String, String> options) {
        currentOptions = Map.copyOf(options);
    }

    public static String toolVersion() {
        return bakedProperties("version.properties").getProperty("version", "unknown");
    }

    /** Appended to the commit of a build made from a checkout with uncommitted changes. */
    public static final String DIRTY_SUFFIX = "-dirty";

    /**
     * The commit this build was made from, baked in at build time (scripts/build-info.sh writes
     * git.properties into edgenas-core), never read at launch: a stale jar records its own commit.
     * With {@value #DIRTY_SUFFIX} when the build was dirty (as {@code git describe --dirty}).
     */
    public static String currentGitCommit() {
        Tool t = currentTool();
        return Boolean.TRUE.equals(t.dirty()) ? t.commit() + DIRTY_SUFFIX : t.commit();
    }

    /** Whether tracked files differed from the commit when this build was made (null when unknown). */
    public static Boolean buildDirty() {
        return currentTool().dirty();
    }

    /** This build: name, version, baked commit (without the dirty suffix) and dirty flag. */
    public static Tool currentTool() {
        Properties p = buildInfo();
        String c = p.getProperty("git.commit", "unknown").trim();
        if (c.isEmpty() || c.startsWith("$")) {
            c = "unknown";
        }
        String d = p.getProperty("git.dirty", "unknown");
        Boolean dirty = d.equals("true") ? Boolean.TRUE : d.equals("false") ? Boolean.FALSE : null;
        return new Tool("edgenas", toolVersion(), c, c.equals("unknown") ? null : dirty);
    }

    private static Properties buildInfo() {
        return bakedProperties("git.properties");
    }

    /** A properties file baked into edgenas-core at build time; empty when absent or unreadable (the version or
     * commit then stays unknown: not worth failing a run for). */
    private static Properties bakedProperties(String resource) {
        Properties p = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream(resource)) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // stays empty
        }
        return p;
    }

    /** Starts a provenance for the current process. */
    public static Builder builder() {
        return new Builder();
    }

    /** A provenance for the current process with no inputs, seed or device. */
    public static Provenance now() {
        return builder().build();
    }

    /** A provenance for the current process, with the given inputs by role (files are checksummed). */
    public static Provenance now(Map<String, Path> inputFiles, Long seed, String device) {
        Builder b = builder().seed(seed).device(device);
        if (inputFiles != null) {
            inputFiles.forEach(b::input);
        }
        return b.build();
    }

    /** Reads a provenance written by edgenas (e.g. to compare an artifact's with this build's). */
    public static Provenance read(JsonNode node) {
        return Json.MAPPER.convertValue(node, Provenance.class);
    }

    /** Builds the record; inputs keep the order they were added in. */
    public static final class Builder {
        private final List<Input> inputs = new ArrayList<>();
        private Long seed;
        private String device;
        private Map<String, String> options;

        private Builder() {
        }

        /** An input file, checksummed here (a folder or missing file is recorded by path only). */
        public Builder input(String role, Path file) {
            if (NormalisedInputs.origin(file).isPresent()) {
                return input(role, file, null);
            }
            return input(role, file, Files.isRegularFile(file) ? Checksums.sha256(file) : null);
        }

        /**
         * An input whose checksum the caller computed already (inputs read once are hashed once). A raw export's
         * normalised temporary copy is recorded as the user's file, with its checksum and what was changed.
         */
        public Builder input(String role, Path file, String sha256) {
            var origin = NormalisedInputs.origin(file);
            if (origin.isPresent()) {
                inputs.add(new Input(role, origin.get().original().toString(), origin.get().sha256(),
                        "raw export normalised in memory as 'edgenas model import' does (" + origin.get().changes() + ")"));
            } else {
                inputs.add(new Input(role, file.toString(), sha256));
            }
            return this;
        }

        public Builder inputs(Collection<Input> more) {
            inputs.addAll(more);
            return this;
        }

        public Builder seed(Long seed) {
            this.seed = seed;
            return this;
        }

        public Builder device(String device) {
            this.device = device;
            return this;
        }

        /** The effective options, by name (replaces the CLI's resolved options). */
        public Builder options(Map<String, String> options) {
            this.options = new TreeMap<>(options);
            return this;
        }

        /**
         * The effective options from an options object's public fields (Search/Train/DeployOptions), read after
         * validation, so they are the values the run used, defaults included.
         */
        public Builder optionsOf(Object optionsObject) {
            return options(fieldsOf(optionsObject));
        }

        public Provenance build() {
            Map<String, String> opts = options != null ? options
                    : currentOptions.isEmpty() ? null : new TreeMap<>(currentOptions);
            return new Provenance(currentTool(), List.copyOf(inputs), device, new Run(seed, opts, currentCommandLine,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), hostFacts()));
        }
    }

    /** Public instance fields by name, values as text (null fields left out). */
    static Map<String, String> fieldsOf(Object o) {
        Map<String, String> m = new TreeMap<>();
        for (Field f : o.getClass().getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                Object v = f.get(o);
                if (v != null) {
                    m.put(f.getName(), String.valueOf(v));
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e); // getFields() returns public fields only
            }
        }
        return m;
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
