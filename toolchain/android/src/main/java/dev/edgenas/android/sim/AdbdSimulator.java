package dev.edgenas.android.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A simulated Android phone that the real adb client attaches to with "adb connect 127.0.0.1:PORT".
 * It speaks the adb transport protocol over TCP and serves "sync:" (push/pull), "shell,v2:" and
 * "shell:"/"exec:" against a sandbox folder that stands for the phone's file system. Its timings
 * are the host's: its properties say so (ro.product.model edgenas-sim, edgenas.simulated=1).
 */
public final class AdbdSimulator implements AutoCloseable {
    /** Features announced in the CNXN banner: only what this simulator implements. */
    public static final String FEATURES = "shell_v2,stat_v2,ls_v2,fixed_push_mkdir";

    private final Sandbox sandbox;
    private final DeviceDescription description;
    private final SimFaults faults;
    private final ThermalState thermal;
    private final SimClocks clocks;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "adb-sim");
        t.setDaemon(true);
        return t;
    });
    private final Set<DeviceConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<Process> processes = ConcurrentHashMap.newKeySet();
    private final List<Long> affinityMasks = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    private AdbdSimulator(int port, Path sandboxDir, DeviceDescription description) throws IOException {
        description.validate(null);
        this.sandbox = new Sandbox(sandboxDir);
        this.description = description;
        this.faults = new SimFaults(description.faults());
        SimulatedSysfs.write(sandbox, description);
        this.thermal = new ThermalState(sandbox.root().resolve(".edgenas-sim/thermalservice.txt"),
                description.thermalStatus(), description.coolDownAfterReads());
        this.clocks = new SimClocks(sandbox.root(), description);
        this.server = new ServerSocket(port, 16, InetAddress.getLoopbackAddress());
    }

    /** Starts listening on 127.0.0.1:port (0 picks a free port; see {@link #port()}). */
    public static AdbdSimulator start(int port, Path sandbox, DeviceDescription description) {
        try {
            AdbdSimulator sim = new AdbdSimulator(port, sandbox, description);
            sim.threads.execute(sim::acceptLoop);
            return sim;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start adbd simulator on port " + port + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The serial adb gives this device after "adb connect". */
    public String serial() {
        return "127.0.0.1:" + port();
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public DeviceDescription description() {
        return description;
    }

    /** Fault switches, changeable while running. */
    public SimFaults faults() {
        return faults;
    }

    public void setThermalStatus(int status) {
        thermal.set(status);
    }

    /**
     * Caps every CPU's clock at this share of its cluster's maximum (100 = uncapped), as a vendor
     * thermal engine does; Android's thermal status stays as it is.
     */
    public void setClockPercent(int percent) {
        clocks.setPercent(percent);
    }

    public int thermalStatus() {
        return thermal.status();
    }

    /** Every taskset mask a command was run with, in order. */
    public List<Long> affinityMasks() {
        return List.copyOf(affinityMasks);
    }

    /** Stops like a phone unplugged: listener and connections closed, running programs killed. */
    public void stop() {
        stopped = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (DeviceConnection c : new ArrayList<>(connections)) {
            c.close();
        }
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        threads.shutdownNow();
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return !stopped;
    }

    private void acceptLoop() {
        while (!stopped) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                DeviceConnection c = new DeviceConnection(s, this, threads);
                connections.add(c);
                threads.execute(c);
            } catch (SocketException e) {
                return; // server socket closed by stop()
            } catch (IOException e) {
                if (stopped) {
                    return;
                }
            }
        }
    }

    String banner() {
        return "device::ro.product.name=edgenas_sim;ro.product.model=" + description.model().replace(' ', '_')
                + ";ro.product.device=edgenas_sim;features=" + FEATURES;
    }

    Map<String, String> properties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("edgenas.simulated", "1");
        p.put("ro.board.platform", description.board());
        p.put("ro.build.version.release", description.release());
        p.put("ro.build.version.sdk", Integer.toString(description.sdk()));
        p.put("ro.product.cpu.abi", description.abi());
        p.put("ro.product.device", "edgenas_sim");
        p.put("ro.product.manufacturer", "edgenas");
        p.put("ro.product.model", description.model());
        p.put("ro.product.name", "edgenas_sim");
        return p;
    }

    DeviceConnection.DeviceService serviceFor(String service) {
        if (service.equals("sync:")) {
            return new SyncService(this);
        }
        return ShellService.parse(this, service);
    }

    ThermalState thermal() {
        return thermal;
    }

    SimClocks clocks() {
        return clocks;
    }

    void recordAffinity(long mask) {
        affinityMasks.add(mask);
    }

    void track(Process p) {
        processes.add(p);
        if (stopped) {
            p.destroyForcibly();
        }
    }

    void untrack(Process p) {
        processes.remove(p);
    }

    void forget(DeviceConnection c) {
        connections.remove(c);
    }

    /** Fault switches; see {@link DeviceDescription.Faults}. */
    public static final class SimFaults {
        public volatile boolean pushFails;
        public volatile Integer appProcessExitCode;
        public volatile Integer agentCrashAfterKernels;

        SimFaults(DeviceDescription.Faults f) {
            pushFails = Boolean.TRUE.equals(f.pushFails());
            appProcessExitCode = f.appProcessExitCode();
            agentCrashAfterKernels = f.agentCrashAfterKernels();
        }
    }

    /** Runs a simulator until killed: --port N (0 = any), --sandbox DIR, [--description FILE]. */
    public static void main(String[] args) throws InterruptedException {
        SimulatorMain.main(args);
    }
}
