package dev.edgenas.profile.gap8;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code devices} options of the GAP8 backend: which serial ports to listen on, and how. */
public final class Gap8DiscoveryOptions {
    @Option(names = "--ports", split = ",", description = "Serial ports to listen on, besides every ttyUSB/ttyACM port found.")
    List<String> ports = new ArrayList<>();

    @Option(names = "--listen-ms", defaultValue = "1500", description = "How long to listen on each serial port for HELLO (default ${DEFAULT-VALUE}).")
    long listenMs;

    @Option(names = "--baud", defaultValue = "115200", description = "Serial baud rate (default ${DEFAULT-VALUE}).")
    int baud;
}
