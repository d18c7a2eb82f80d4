package dev.edgenas.profile.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrtProfileTest {
    @TempDir
    Path dir;

    private static String node(String name, String op, long ts, long dur) {
        return "{\"cat\" : \"Node\",\"pid\" :1,\"tid\" :1,\"dur\" :" + dur + ",\"ts\" :" + ts + ",\"ph\" : \"X\",\"name\" :\""
                + name + "_kernel_time\",\"args\" : {\"op_name\" : \"" + op + "\"}}";
    }

    private static String run(long ts, long dur) {
        return "{\"cat\" : \"Session\",\"pid\" :1,\"tid\" :1,\"dur\" :" + dur + ",\"ts\" :" + ts
                + ",\"ph\" : \"X\",\"name\" :\"model_run\",\"args\" : {}}";
    }

    @Test
    void sumsKernelNodesPerRunWithoutLayoutAndContextNodes() throws IOException {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "[\n" + String.join(",\n", List.of(
                "{\"cat\" : \"Session\",\"pid\" :1,\"tid\" :1,\"dur\" :900,\"ts\" :1,\"ph\" : \"X\",\"name\" :\"session_initialization\",\"args\" : {}}",
                node("ReorderInput", "ReorderInput", 1001, 4), node("ctx.x0_nchwc", "MaxPool", 1006, 3),
                node("y_nchwc", "Conv", 1010, 40), node("y_extra", "Add", 1051, 2), node("ReorderOutput", "ReorderOutput", 1054, 5),
                run(1000, 70),
                node("ReorderInput", "ReorderInput", 2001, 4), node("y_nchwc", "Conv", 2010, 30),
                node("y_extra", "Add", 2041, 1), run(2000, 60))) + "\n]\n");
        assertEquals(List.of(42_000L + 2 * OrtProfile.TRUNCATION_NS, 31_000L + 2 * OrtProfile.TRUNCATION_NS),
                OrtProfile.kernelNsPerRun(f));
        assertEquals(List.of(42_000L - 2000, 31_000L - 2000), OrtProfile.kernelNsPerRun(f, 1000 + OrtProfile.TRUNCATION_NS));
    }
}
