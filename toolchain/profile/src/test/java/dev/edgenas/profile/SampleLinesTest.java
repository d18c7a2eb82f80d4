package dev.edgenas.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.edgenas.core.EdgenasException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SampleLinesTest {
    @Test
    void writesAndParsesSamples() {
        String line = SampleLines.sample(SampleUnit.CYCLES, "add;in=1x8;out=1x8;act=none;prec=int8", new long[] {120, 130});
        List<RawSamples> r = SampleLines.parse(new RawOutput("gap8:/dev/pts/3", List.of(SampleLines.HEADER, line)));
        assertEquals(1, r.size());
        assertEquals(SampleUnit.CYCLES, r.get(0).unit());
        assertArrayEquals(new double[] {120, 130}, r.get(0).values());
    }

    @Test
    void malformedOutputNamesDeviceAndLine() {
        EdgenasException e = assertThrows(EdgenasException.class, () -> SampleLines.parse(new RawOutput("android:X1",
                List.of(SampleLines.HEADER, "sample ns k 1", "sample parsecs k 1"))));
        assertTrue(e.getMessage().startsWith("android:X1: line 3 of the device output"), e.getMessage());
        e = assertThrows(EdgenasException.class, () -> SampleLines.parse(new RawOutput("cpu", List.of("sample ns k 1"))));
        assertTrue(e.getMessage().contains("does not start with"), e.getMessage());
        e = assertThrows(EdgenasException.class, () -> SampleLines.parse(new RawOutput("cpu",
                List.of(SampleLines.HEADER, "error conv;k out of L1 memory"))));
        assertTrue(e.getMessage().contains("kernel conv;k failed on the device: out of L1 memory"), e.getMessage());
    }
}
