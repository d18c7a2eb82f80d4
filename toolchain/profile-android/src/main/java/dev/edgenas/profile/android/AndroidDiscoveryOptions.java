package dev.edgenas.profile.android;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code devices} options of the Android backend: which adb client and server to ask. */
public final class AndroidDiscoveryOptions {
    @Option(names = "--adb", description = "adb client (default /usr/bin/adb, then PATH).")
    Path adb;

    @Option(names = "--adb-server-port", description = "adb server port (default $ANDROID_ADB_SERVER_PORT or 5037).")
    Integer adbServerPort;
}
