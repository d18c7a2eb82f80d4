package dev.edgenas.cli;

import dev.edgenas.android.SimulatedPhone;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgenas.core.ExitCode;
import dev.edgenas.core.Json;
import dev.edgenas.gap8.device.SocatPair;
import dev.edgenas.gap8.protocol.FrameCodec;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code edgenas devices --spark-resource}: Spark's discovery JSON (stdout holds that one object only) for a
 * simulated board on a real pty and a simulated phone behind the real adb client.
 */
class SparkResourceCliTest {
    @TempDir
    Path dir;

    @Test
    void gap8AddressesArePortsThatAnswerHello() throws Exception {
        try (SocatPair pair = SocatPair.open(dir, "uart"); SocatPair silent = SocatPair.open(dir, "quiet")) {
            String hello = FrameCodec.encode(0, "HELLO", 1, "0badf00d", "gap8", 250_000_000L, 175_000_000L, 8, "board");
            CompletableFuture<Void> board = CompletableFuture.runAsync(() -> {
                try (FileOutputStream w = new FileOutputStream(pair.device().toFile())) {
                    for (int i = 0; i < 40; i++) {
                        w.write(hello.getBytes(StandardCharsets.US_ASCII));
                        w.flush();
                        Thread.sleep(100);
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            CliRunner.Result r = DeviceCli.run("devices", "--spark-resource", "gap8", "--ports",
                    pair.host() + "," + silent.host(), "--listen-ms", "2000");
            board.cancel(true);
            assertEquals(0, r.code(), r.err());
            JsonNode j = Json.readTreeString(r.out());
            assertEquals("gap8", j.get("name").asText());
            assertEquals(1, j.get("addresses").size(), r.out());
            assertEquals(pair.host().toString(), j.get("addresses").get(0).asText());
        }
    }

    @Test
    void androidAddressesAreOnlineSerials() {
        try (SimulatedPhone phone = new SimulatedPhone(dir)) {
            CliRunner.Result r = DeviceCli.run("devices", "--spark-resource", "android", "--adb-server-port",
                    Integer.toString(phone.serverPort));
            assertEquals(0, r.code(), r.err());
            JsonNode j = Json.readTreeString(r.out());
            assertEquals("android", j.get("name").asText());
            assertEquals(phone.serial(), j.get("addresses").get(0).asText(), r.out());
            assertEquals(1, j.get("addresses").size(), r.out());
        }
    }

    @Test
    void anUnknownKindIsAUsageError() {
        assertEquals(ExitCode.USAGE.code(), DeviceCli.run("devices", "--spark-resource", "tpu").code());
    }
}
