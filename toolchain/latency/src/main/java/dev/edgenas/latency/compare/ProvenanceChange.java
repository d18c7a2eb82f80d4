package dev.edgenas.latency.compare;

/**
 * A provenance field that differs between two tables.
 *
 * @param field    the field's path in the table, e.g. provenance.runtimeVersion, provenance.facts.thermalStatus
 * @param category what kind of change it is
 * @param a        value in table A (null: absent)
 * @param b        value in table B (null: absent)
 */
public record ProvenanceChange(String field, Category category, String a, String b) {
    /** Kinds of change; {@link #explainsDrift()} marks those that change what a table measures. */
    public enum Category {
        DEVICE, RUNTIME, FIRMWARE, CLOCK, THERMAL, SETTINGS, TOOL, HOST, OTHER;

        public boolean explainsDrift() {
            return switch (this) {
                case DEVICE, RUNTIME, FIRMWARE, CLOCK, THERMAL, SETTINGS -> true;
                default -> false;
            };
        }
    }

    @Override
    public String toString() {
        return category.name().toLowerCase() + " " + field + ": " + a + " -> " + b;
    }
}
