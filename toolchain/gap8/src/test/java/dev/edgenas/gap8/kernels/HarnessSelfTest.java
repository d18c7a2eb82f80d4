package dev.edgenas.gap8.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The harness itself must catch a broken core split and out-of-bounds accesses. */
class HarnessSelfTest {
    private static final byte[] A = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};

    private static CHarness add(String call) {
        Requant id = Requant.IDENTITY;
        return new CHarness().int8s("a", A).int8s("b", new byte[A.length]).output("y", A.length)
                .kernel("en_add_s8", "en_add_args_t", "a = a", "b = b", "y = y", "size = " + A.length,
                        "a_zp = 0", "b_zp = 0", "y_zp = 0", "a_mult = " + id.mult(), "b_mult = " + id.mult(),
                        "shift = " + id.shift(), "act_min = -128", "act_max = 127")
                .body(call);
    }

    @Test
    void identityAddCopiesAndAllCoreCountsAgree() {
        assertArrayEquals(A, add("en_add_s8(&args);").run());
    }

    @Test
    void rowsLeftUnwrittenByOtherCoresAreDetected() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> add("if (en_stub_core_id == 0) { en_add_s8(&args); }").run());
        assertTrue(e.getMessage().contains("row split"), e.getMessage());
    }

    @Test
    void outOfBoundsReadsFailTheRun() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> add("en_add_s8(&args); y[0] = a[en_stub_nb_cores + 10];").run());
        assertTrue(e.getMessage().contains("out of bounds") || e.getMessage().contains("overflow"), e.getMessage());
    }
}
