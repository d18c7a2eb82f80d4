package dev.edgenas.profile.gap8;

import dev.edgenas.core.HostInfo;
import dev.edgenas.gap8.Gap8KernelResult;
import dev.edgenas.gap8.Gap8Options;
import dev.edgenas.gap8.Gap8Platform;
import dev.edgenas.gap8.codegen.FirmwareSources;
import dev.edgenas.gap8.device.Gap8Sdk;
import dev.edgenas.profile.BackendConfig;
import dev.edgenas.profile.DeviceBackend;
import dev.edgenas.profile.DeviceFacts;
import dev.edgenas.profile.KernelProfiler;
import dev.edgenas.profile.SampleParser;
import dev.edgenas.profile.TableName;
import dev.edgenas.latency.LatencyTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A GAP8 reached through {@link dev.edgenas.gap8.Gap8Profiler}. Connecting runs the empty kernel
 * once: the clocks in the facts are the ones the device read back in HELLO, not the requested
 * ones, and its samples seed the table's overhead entry. Host-sim and GVSOC are marked simulated;
 * host-sim additionally {@code gap8Latency=false}: its cycles are host time.
 */
public final class Gap8Backend implements DeviceBackend {
    private final Gap8Options options;
    private final Gap8KernelProfiler profiler;
    private final DeviceFacts facts;
    private final Gap8SampleParser parser;
    private final BackendConfig config;

    private Gap8Backend(BackendConfig config, Gap8Options options, Gap8KernelProfiler profiler, DeviceFacts facts) {
        this.config = config;
        this.options = options;
        this.profiler = profiler;
        this.facts = facts;
        this.parser = new Gap8SampleParser(facts);
    }

    static Gap8Backend connect(BackendConfig config, Consumer<String> log) {
        Gap8Options o = Gap8Settings.of(config);
        Gap8KernelProfiler p = new Gap8KernelProfiler(o, config.device().id(), log);
        return new Gap8Backend(config, o, p, facts(config, o, p.probe()));
    }

    /** gap8-BOARD-fcF-clC.json (gvsoc-, host-sim- variants) in the shared tables folder. */
    @Override
    public TableName defaultTable() {
        return new TableName(Gap8Tables.defaultFileName(config), false);
    }

    /** Checkpoints carry cycles too, so an interrupted GAP8 table is never a table without cycles. */
    @Override
    public LatencyTable checkpoint(LatencyTable table) {
        return Gap8Tables.withCycles(table);
    }

    @Override
    public LatencyTable finish(LatencyTable table, Map<String, String> unsupported) {
        return Gap8Tables.finish(table, this, unsupported);
    }

    public Gap8Options options() {
        return options;
    }

    /** True when the table describes GAP8 itself (board or GVSOC), false for host-sim. */
    public boolean isGap8Latency() {
        return options.platform() != Gap8Platform.HOST_SIM;
    }

    /** Kernels measured from L2 because they did not fit cluster L1 (pessimistic timings). */
    public java.util.Set<String> kernelsFromL2() {
        return profiler.fromL2();
    }

    public java.util.Set<String> checksumMismatches() {
        return profiler.checksumMismatches();
    }

    public int firmwareRuns() {
        return profiler.firmwareRuns();
    }

    @Override
    public DeviceFacts facts() {
        return facts;
    }

    @Override
    public KernelProfiler profiler() {
        return profiler;
    }

    @Override
    public SampleParser parser() {
        return parser;
    }

    @Override
    public void close() {
        // every firmware run opens and closes its own port and processes
    }

    private static DeviceFacts facts(BackendConfig c, Gap8Options o, Gap8KernelResult hello) {
        long fc = Math.round(hello.fcHz());
        long cl = Math.round(hello.clHz());
        Map<String, Long> clocks = new LinkedHashMap<>();
        clocks.put("fc", fc);
        clocks.put("cluster", cl);
        clocks.put(DeviceFacts.COMPUTE_CLOCK, cl);
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("gap8Platform", hello.platform());
        extra.put("gap8Latency", Boolean.toString(hello.isGap8Latency()));
        extra.put("board", o.platform() == Gap8Platform.HOST_SIM ? "none" : o.board());
        extra.put("port", o.port() == null ? "own pty pair per run" : o.port());
        extra.put("baud", Integer.toString(o.baud()));
        extra.put("requestedClocksHz", "fc " + o.fcHz() + ", cluster " + o.clHz());
        extra.put(dev.edgenas.latency.TableFit.LATENCY_SOURCE, switch (o.platform()) {
            case BOARD -> "the cluster cycle counter of a GAP8 board";
            case GVSOC -> "GVSOC, GreenWaves' cycle-level GAP8 simulator (GAP SDK), not a board";
            case HOST_SIM -> "host wall time at a nominal cluster clock: NOT GAP8 latency";
        });
        if (o.platform() == Gap8Platform.HOST_SIM) {
            extra.put("compiler", "host gcc (-O2), firmware against edgenas' PMSIS host layer");
        } else {
            Gap8Sdk sdk = Gap8Sdk.locate(o);
            extra.put("compiler", sdk == null ? "unknown (no GAP SDK found)" : sdk.compiler());
            extra.put("gapSdk", sdk == null ? "unknown" : sdk.root().toString());
            extra.put("gapSdkCommit", sdk == null ? "unknown" : sdk.commit());
        }
        extra.put("timing", "cluster cycle counter around the kernel's fork, DMA excluded; ms = cycles / cluster clock");
        extra.put("emptyRun", "one-element int8 add (" + Gap8KernelProfiler.EMPTY_PROXY + "): the cost of a fork");
        String where = switch (o.platform()) {
            case BOARD -> "GAP8 on " + o.board() + " via " + o.port();
            case GVSOC -> "GAP8 in GVSOC (" + o.board() + " config)";
            case HOST_SIM -> "GAP8 host-sim on " + HostInfo.cpuModel() + ": host time at a nominal cluster clock, NOT GAP8 latency";
        };
        String desc = where + " (FC " + fc / 1_000_000 + " MHz, cluster " + cl / 1_000_000 + " MHz, " + o.cores() + " cores)";
        return new DeviceFacts(c.device().id(), desc, "gap8", o.platform() != Gap8Platform.BOARD,
                o.platform() == Gap8Platform.HOST_SIM ? "host (" + HostInfo.cpuModel() + ")" : "GAP8 (FC + 8-core cluster, rv32imc + Xpulp)",
                8, "fixed clocks", Long.toString(cl / 1_000_000), clocks, "edgenas-gap8-firmware",
                "protocol 1, sources " + FirmwareSources.bundled().hash(), o.cores(), null, extra);
    }
}
