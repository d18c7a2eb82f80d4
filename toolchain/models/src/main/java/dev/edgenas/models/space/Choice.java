package dev.edgenas.models.space;

import java.util.List;

/**
 * One dimension of the search space.
 *
 * @param name   what it controls, e.g. {@code depth.s4}, {@code expand.s4.b2}, {@code aspp.atrous2}
 * @param kind   which part of the network
 * @param values option values, largest first: depths, channel counts, rates (0 = branch dropped),
 *               1/0 for kept/dropped branches
 */
public record Choice(String name, Kind kind, List<Integer> values) {
    public enum Kind { DEPTH, EXPAND, ASPP_CONV1X1, ASPP_ATROUS, ASPP_POOL, ASPP_WIDTH, LOW_WIDTH, DECODER_WIDTH,
        DECODER_COUNT }

    public Choice {
        values = List.copyOf(values);
    }

    public int options() {
        return values.size();
    }

    public int value(int option) {
        return values.get(option);
    }
}
