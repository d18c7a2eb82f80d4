package dev.edgenas.agent.android;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The D8 output the build ships for the phone, checked with Debian's dexdump. */
class AgentDexTest {
    @Test
    void theDexedAgentIsValidDexHoldingTheMainClass(@TempDir Path dir) throws Exception {
        Path dexdump = Path.of("/usr/bin/dexdump");
        assertTrue(Files.isExecutable(dexdump), "dexdump missing: apt-get install dexdump");
        Path dex = dir.resolve("classes.dex");
        try (InputStream jar = AgentMain.class.getResourceAsStream("edgenas-agent-dex.jar")) {
            assertNotNull(jar, "the build did not embed edgenas-agent-dex.jar (maven-antrun D8 step)");
            try (ZipInputStream zip = new ZipInputStream(jar)) {
                ZipEntry e;
                while ((e = zip.getNextEntry()) != null) {
                    if (e.getName().equals("classes.dex")) {
                        Files.write(dex, zip.readAllBytes());
                    }
                }
            }
        }
        assertTrue(Files.exists(dex), "no classes.dex in the agent's dex jar");
        Process p = new ProcessBuilder(dexdump.toString(), dex.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("Class descriptor  : 'Ldev/edgenas/agent/android/AgentMain;'"), "AgentMain not in dex");
        assertTrue(out.contains("name          : 'main'"), "no main method in dex");
        assertTrue(out.contains("Class descriptor  : 'Ldev/edgenas/agent/android/OrtLoader;'"), "OrtLoader not in dex");
        // dex 035..039 are what API 26 devices load
        String magic = new String(Files.readAllBytes(dex), 0, 8, StandardCharsets.US_ASCII);
        assertTrue(magic.matches("dex\n03[5-9]\0"), "dex magic " + magic);
    }
}
