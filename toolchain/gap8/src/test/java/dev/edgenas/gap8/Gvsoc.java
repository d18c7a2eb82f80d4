package dev.edgenas.gap8;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.edgenas.gap8.device.Gap8Sdk;

/**
 * GVSOC is an optional outside tool: tests that need it find a setup made by
 * scripts/gvsoc/setup-gvsoc.sh through $EDGENAS_GVSOC_HOME (default ~/.cache/gvsoc) or a GAP SDK
 * through $GAP_SDK_HOME, and are reported as skipped, with this reason, where there is none.
 */
final class Gvsoc {
    private Gvsoc() {
    }

    static Gap8Sdk requireOrSkip() {
        Gap8Sdk sdk = Gap8Sdk.locate(Gap8Options.builder().platform(Gap8Platform.GVSOC).build());
        assumeTrue(sdk != null, "GVSOC is not set up here (looked at $GAP_SDK_HOME, $" + Gap8Sdk.GVSOC_HOME_ENV
                + " and " + Gap8Sdk.defaultGvsocHome() + "): build it with scripts/gvsoc/setup-gvsoc.sh from a GAP SDK "
                + "and toolchain checkout (docs/GAP8.md)");
        return sdk;
    }
}
