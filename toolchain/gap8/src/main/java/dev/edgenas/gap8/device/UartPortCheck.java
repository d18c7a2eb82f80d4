package dev.edgenas.gap8.device;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Catches the GAPuino's most common wiring mistake before anything is built: its FTDI FT2232
 * (USB 0403:6010) exposes JTAG on interface 0 and the GAP8 UART on interface 1. The JTAG side
 * (usually /dev/ttyUSB0) carries no frames and openocd detaches it during a load, so profiling
 * through it can only time out. The check reads sysfs (tty -> usb-serial port -> interface ->
 * USB device), so it works for /dev/serial/by-id links too; a port that is not such an FTDI
 * interface 0 passes unchanged. The sysfs root is a parameter so that tests use a fixture tree.
 */
public final class UartPortCheck {
    static final String FTDI_VENDOR = "0403";
    static final String FT2232_PRODUCT = "6010";

    private final Path sysfs;

    public UartPortCheck(Path sysfs) {
        this.sysfs = sysfs;
    }

    /** The real sysfs, or $EDGENAS_SYSFS_ROOT (tests, containers with a copied tree). */
    public static UartPortCheck system() {
        String root = System.getenv("EDGENAS_SYSFS_ROOT");
        return new UartPortCheck(Path.of(root == null || root.isBlank() ? "/sys" : root));
    }

    /** DEVICE_UNREACHABLE naming the UART port when {@code port} is a GAPuino's JTAG interface. */
    public void requireUart(String port) {
        jtagSibling(port).ifPresent(uart -> {
            throw new EdgenasException(ExitCode.DEVICE_UNREACHABLE, "--port " + port + " is interface 0 (JTAG) of "
                    + "the GAPuino's FTDI 0403:6010, which openocd uses to load the firmware; the GAP8 UART is "
                    + "interface 1: use --port " + uart);
        });
    }

    /**
     * When {@code port} is interface 0 of an FTDI 0403:6010, the UART tty of interface 1 of the same
     * USB device ("/dev/ttyUSBn", or a description when it has none); empty otherwise.
     */
    public Optional<String> jtagSibling(String port) {
        String tty = ttyName(port);
        Path device = sysfs.resolve("class/tty").resolve(tty).resolve("device");
        try {
            if (!Files.exists(device)) {
                return Optional.empty();
            }
            Path iface = device.toRealPath().getParent();        // .../1-1:1.0
            Path usb = iface.getParent();                         // .../1-1
            if (!FTDI_VENDOR.equals(read(usb.resolve("idVendor"))) || !FT2232_PRODUCT.equals(read(usb.resolve("idProduct")))
                    || !"00".equals(read(iface.resolve("bInterfaceNumber")))) {
                return Optional.empty();
            }
            return Optional.of(uartOf(usb).map(t -> "/dev/" + t).orElse("the tty of its interface 1 (none is bound)"));
        } catch (IOException e) {
            return Optional.empty(); // unreadable sysfs: let the open itself report
        }
    }

    private static String ttyName(String port) {
        Path p = Path.of(port);
        try {
            p = p.toRealPath(); // /dev/serial/by-id/...-if00-port0 -> /dev/ttyUSB0
        } catch (IOException e) {
            // a port that does not exist here: judge by its name
        }
        return p.getFileName().toString();
    }

    /** The tty under the USB device's interface 1 (…:1.1/ttyUSBn). */
    private static Optional<String> uartOf(Path usb) throws IOException {
        try (Stream<Path> ifaces = Files.list(usb)) {
            for (Path iface : ifaces.filter(i -> i.getFileName().toString().contains(":")).toList()) {
                if (!"01".equals(read(iface.resolve("bInterfaceNumber")))) {
                    continue;
                }
                try (Stream<Path> ttys = Files.list(iface)) {
                    Optional<String> t = ttys.map(x -> x.getFileName().toString()).filter(n -> n.startsWith("tty")).findFirst();
                    if (t.isPresent()) {
                        return t;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String read(Path f) throws IOException {
        return Files.isRegularFile(f) ? Files.readString(f).trim() : "";
    }
}
