package dev.edgenas.models.space;

import java.util.Arrays;

/**
 * One point of a {@link SearchSpace}: the option index chosen for each of its choices, in the order of
 * {@link SearchSpace#choices()}. Index 0 is always the largest option, so the all-zero genome is the full
 * network. Immutable; {@link #key()} is the stable string form used for de-duplication and journals.
 */
public record Genome(int[] choices) {
    private static final String DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz";

    public Genome {
        choices = choices.clone();
        for (int c : choices) {
            if (c < 0 || c >= DIGITS.length()) {
                throw new IllegalArgumentException("genome option index out of range: " + c);
            }
        }
    }

    @Override
    public int[] choices() {
        return choices.clone();
    }

    public int get(int i) {
        return choices[i];
    }

    public int length() {
        return choices.length;
    }

    public Genome with(int i, int option) {
        int[] c = choices.clone();
        c[i] = option;
        return new Genome(c);
    }

    /** One base-36 digit per choice, e.g. {@code 0102a0}. */
    public String key() {
        StringBuilder sb = new StringBuilder(choices.length);
        for (int c : choices) {
            sb.append(DIGITS.charAt(c));
        }
        return sb.toString();
    }

    public static Genome parse(String key) {
        int[] c = new int[key.length()];
        for (int i = 0; i < c.length; i++) {
            c[i] = DIGITS.indexOf(Character.toLowerCase(key.charAt(i)));
            if (c[i] < 0) {
                throw new IllegalArgumentException("not a genome key: '" + key + "' (character " + (i + 1) + ")");
            }
        }
        return new Genome(c);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Genome g && Arrays.equals(choices, g.choices);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(choices);
    }

    @Override
    public String toString() {
        return key();
    }
}
