package dev.edgenas.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableNamesTest {
    @TempDir
    Path dir;

    @Test
    void aBareNameIsFoundInTheTableFoldersWithOrWithoutJson() throws Exception {
        Path shipped = Files.createDirectories(dir.resolve("latency-tables"));
        Path cache = Files.createDirectories(dir.resolve("cache"));
        Files.writeString(shipped.resolve("cpu-x86.json"), "{}");
        Files.writeString(cache.resolve("cpu-here.json"), "{}");
        List<Path> dirs = List.of(shipped, cache);
        assertEquals(shipped.resolve("cpu-x86.json"), TableNames.resolve(Path.of("cpu-x86.json"), dirs));
        assertEquals(cache.resolve("cpu-here.json"), TableNames.resolve(Path.of("cpu-here"), dirs));
        Path explicit = dir.resolve("elsewhere/t.json");
        assertEquals(explicit, TableNames.resolve(explicit, dirs), "a path with a folder is taken as given");
    }

    @Test
    void anUnknownNameListsTheTablesThereAre() throws Exception {
        Path shipped = Files.createDirectories(dir.resolve("latency-tables"));
        Files.writeString(shipped.resolve("cpu-x86.json"), "{}");
        Files.writeString(shipped.resolve("cpu-x86.validation.json"), "{}");
        BadInputException e = assertThrows(BadInputException.class,
                () -> TableNames.resolve(Path.of("cpu-x.json"), List.of(shipped)));
        assertTrue(e.getMessage().startsWith("cpu-x.json: "), e.getMessage());
        assertTrue(e.getMessage().contains("cpu-x86.json") && !e.getMessage().contains("validation"), e.getMessage());
    }

    @Test
    void deployTakesTheSearchsPickOrItsMostAccurateNetwork() throws Exception {
        Files.writeString(dir.resolve("pareto.json"), """
                {"pick": {"network": {"file": "net-b.onnx", "finalMiou": 0.8}},
                 "pareto": [{"file": "net-a.onnx", "proxyMiou": 0.9}, {"file": "net-b.onnx", "finalMiou": 0.8}]}""");
        assertEquals(dir.resolve("net-b.onnx"), LastSearch.pick(dir).model());
        Files.writeString(dir.resolve("pareto.json"), """
                {"pick": null, "pareto": [{"file": "net-a.onnx", "proxyMiou": 0.7},
                 {"file": "net-b.onnx", "proxyMiou": 0.6, "finalMiou": 0.75}]}""");
        assertEquals(dir.resolve("net-b.onnx"), LastSearch.pick(dir).model());
        BadInputException e = assertThrows(BadInputException.class, () -> LastSearch.pick(dir.resolve("none")));
        assertTrue(e.getMessage().contains("pareto.json") && e.getMessage().contains("--model"), e.getMessage());
    }
}
