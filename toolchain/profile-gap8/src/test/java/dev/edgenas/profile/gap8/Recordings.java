package dev.edgenas.profile.gap8;

import dev.edgenas.gap8.Gap8Capture;
import dev.edgenas.ir.KernelKey;
import dev.edgenas.profile.Kernels;
import dev.edgenas.profile.RawOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The recorded UART captures under this package's test resources (see the README there). */
final class Recordings {
    static final KernelKey CONV16 = KernelKey.parse("conv;in=1x16x16x16;out=1x16x16x16;d=1x1;g=1;k=1x1;p=0,0,0,0;s=1x1;act=relu;prec=int8");
    static final KernelKey CONV64 = KernelKey.parse("conv;in=1x64x16x16;out=1x64x16x16;d=1x1;g=1;k=1x1;p=0,0,0,0;s=1x1;act=relu;prec=int8");
    static final List<KernelKey> FIVE = List.of(
            KernelKey.parse("concat;in=1x32x4x4,1x32x4x4,1x32x4x4,1x32x4x4,1x32x4x4;out=1x160x4x4;axis=1;act=none;prec=int8"),
            KernelKey.parse("add;in=1x8x8x8,1x8x8x8;out=1x8x8x8;act=none;prec=int8"),
            KernelKey.parse("add;in=1x8x32x32,1x8x32x32;out=1x8x32x32;act=none;prec=int8"),
            KernelKey.parse("concat;in=1x32x16x16,1x16x16x16;out=1x48x16x16;axis=1;act=none;prec=int8"),
            Kernels.EMPTY);

    private Recordings() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Recordings.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two convolutions at cl 100 MHz, reps 3, as one firmware run. */
    static Gap8UartOutput.Run twoConvs(byte[] uart) {
        return run(1611707822L, List.of(CONV16, CONV64), "797eb5d5", uart);
    }

    /** Five kernels (the last the empty one) at cl 175 MHz, reps 3, as one firmware run. */
    static Gap8UartOutput.Run fiveAt175(byte[] uart) {
        return run(513762465L, FIVE, "b3dd29b8", uart);
    }

    static Gap8UartOutput.Run run(long batch, List<KernelKey> asked, String firmware, byte[] uart) {
        return new Gap8UartOutput.Run(new Gap8Capture(batch, asked.stream().map(Gap8UartOutput::deviceKey).toList(),
                3, 1, firmware, uart), asked);
    }

    static RawOutput output(String source, Gap8UartOutput.Run... runs) {
        return Gap8UartOutput.encode(source, List.of(runs));
    }
}
