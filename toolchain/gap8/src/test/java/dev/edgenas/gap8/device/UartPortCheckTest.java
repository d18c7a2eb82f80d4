package dev.edgenas.gap8.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.EdgenasException;
import dev.edgenas.core.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sysfs fixture laid out as Linux does for a GAPuino's FT2232 and for an unrelated USB-UART. */
class UartPortCheckTest {
    @TempDir
    Path sys;

    /** devices/.../usbN/N-1/N-1:1.I/ttyUSBk plus class/tty/ttyUSBk/device -> that port folder. */
    private void usbSerial(int bus, String vendor, String product, int iface, String tty) throws IOException {
        Path usb = sys.resolve("devices/pci0000:00/0000:00:14.0/usb" + bus + "/" + bus + "-1");
        Files.createDirectories(usb);
        Files.writeString(usb.resolve("idVendor"), vendor + "\n");
        Files.writeString(usb.resolve("idProduct"), product + "\n");
        Path ifc = usb.resolve(bus + "-1:1." + iface);
        Path port = Files.createDirectories(ifc.resolve(tty));
        Files.writeString(ifc.resolve("bInterfaceNumber"), String.format("%02d%n", iface));
        Path cls = Files.createDirectories(sys.resolve("class/tty").resolve(tty));
        Files.createSymbolicLink(cls.resolve("device"), cls.relativize(port));
    }

    @Test
    void jtagInterfaceOfTheGapuinoFtdiNamesTheUart() throws IOException {
        usbSerial(1, "0403", "6010", 0, "ttyUSB0");
        usbSerial(1, "0403", "6010", 1, "ttyUSB1");
        UartPortCheck check = new UartPortCheck(sys);
        assertEquals(Optional.of("/dev/ttyUSB1"), check.jtagSibling("/dev/ttyUSB0"));
        EdgenasException e = assertThrows(EdgenasException.class, () -> check.requireUart("/dev/ttyUSB0"));
        assertEquals(ExitCode.DEVICE_UNREACHABLE, e.exitCode());
        assertTrue(e.getMessage().contains("use --port /dev/ttyUSB1"), e.getMessage());
        assertTrue(e.getMessage().contains("JTAG"), e.getMessage());
        check.requireUart("/dev/ttyUSB1"); // the UART itself passes
    }

    @Test
    void otherAdaptersAndUnknownPortsPass() throws IOException {
        usbSerial(2, "10c4", "ea60", 0, "ttyUSB2"); // CP2102 of an AI-deck UART adapter
        usbSerial(3, "0403", "6001", 0, "ttyUSB3"); // single-interface FTDI
        UartPortCheck check = new UartPortCheck(sys);
        assertEquals(Optional.empty(), check.jtagSibling("/dev/ttyUSB2"));
        assertEquals(Optional.empty(), check.jtagSibling("/dev/ttyUSB3"));
        assertEquals(Optional.empty(), check.jtagSibling("/dev/pts/7"));
        check.requireUart("/dev/ttyUSB9");
    }

    @Test
    void jtagWithoutBoundUartStillFails() throws IOException {
        usbSerial(4, "0403", "6010", 0, "ttyUSB0");
        EdgenasException e = assertThrows(EdgenasException.class, () -> new UartPortCheck(sys).requireUart("/dev/ttyUSB0"));
        assertTrue(e.getMessage().contains("none is bound"), e.getMessage());
    }
}
