package dev.edgenas.android;

/**
 * Clock checks over a run: kernel rounds whose pinned clocks were readable, those kept although
 * below the cluster's maximum (flagged), those rejected and measured again, rounds with no readable
 * clock, and the lowest share of the maximum seen in a kept round (1.0 when none was below).
 */
public record ClockStats(int checked, int belowMax, int rejected, int unknown, double lowestShare) {
    public static final ClockStats NONE = new ClockStats(0, 0, 0, 0, 1.0);

    public ClockStats plus(ClockStats o) {
        return new ClockStats(checked + o.checked, belowMax + o.belowMax, rejected + o.rejected, unknown + o.unknown,
                Math.min(lowestShare, o.lowestShare));
    }

    /** One kept round. */
    static ClockStats kept(ClockReading r) {
        if (!r.known()) {
            return new ClockStats(0, 0, 0, 1, 1.0);
        }
        return new ClockStats(1, r.belowMax() ? 1 : 0, 0, 0, r.belowMax() ? (double) r.lowestKHz() / r.maxKHz() : 1.0);
    }

    /** One round rejected because of its clock. */
    static ClockStats rejectedRound() {
        return new ClockStats(0, 0, 1, 0, 1.0);
    }
}
