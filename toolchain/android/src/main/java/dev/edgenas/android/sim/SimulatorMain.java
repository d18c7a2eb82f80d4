package dev.edgenas.android.sim;

import dev.edgenas.core.EdgenasException;
import java.nio.file.Path;

/** Command-line start of the simulator for demos and manual checks with a real adb. */
final class SimulatorMain {
    private SimulatorMain() {
    }

    static void main(String[] args) throws InterruptedException {
        int port = 0;
        Path sandbox = null;
        DeviceDescription description = DeviceDescription.typical();
        try {
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--port" -> port = Integer.parseInt(args[i + 1]);
                    case "--sandbox" -> sandbox = Path.of(args[i + 1]);
                    case "--description" -> description = DeviceDescription.read(Path.of(args[i + 1]));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (sandbox == null || args.length % 2 != 0) {
                throw new IllegalArgumentException("usage: AdbdSimulator --sandbox DIR [--port N] [--description FILE]");
            }
        } catch (IllegalArgumentException | EdgenasException e) {
            System.err.println("edgenas adbd simulator: " + e.getMessage());
            System.exit(2);
            return;
        }
        AdbdSimulator sim = AdbdSimulator.start(port, sandbox, description);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::stop));
        System.out.println("edgenas adbd simulator listening on " + sim.serial() + " (sandbox " + sim.sandbox().root()
                + "); attach with: adb connect " + sim.serial());
        System.out.flush();
        Thread.currentThread().join();
    }
}
