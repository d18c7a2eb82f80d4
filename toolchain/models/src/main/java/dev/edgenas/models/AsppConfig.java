package dev.edgenas.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Atrous spatial pyramid pooling. Branches: a 1x1 conv, one dilated 3x3 conv per rate, and image pooling
 * (global average pool, 1x1 conv, upsampled back). Every branch outputs {@code channels}; they are
 * concatenated and, with {@code projection}, reduced back to {@code channels} by a 1x1 conv.
 *
 * @param channels     width of every branch and of the projection
 * @param rates        dilation rate of each atrous branch (branch i is named atrous{i+1})
 * @param atrous       which atrous branches exist, same length as rates; a removed branch keeps its
 *                     index so that names still match the full network's weights
 * @param conv1x1      whether the 1x1 branch exists
 * @param imagePooling whether the image-pooling branch exists
 * @param projection   whether the 1x1 projection after the concat exists; without it the decoder sees
 *                     the concatenation itself
 */
public record AsppConfig(int channels, List<Integer> rates, List<Boolean> atrous, boolean conv1x1,
                         boolean imagePooling, boolean projection) {

    public AsppConfig {
        rates = rates == null ? null : Collections.unmodifiableList(new ArrayList<>(rates));
        atrous = atrous == null ? null : Collections.unmodifiableList(new ArrayList<>(atrous));
    }

    /** All branches on, with a projection. */
    public static AsppConfig full(int channels, List<Integer> rates) {
        return new AsppConfig(channels, rates, Collections.nCopies(rates.size(), true), true, true, true);
    }

    /** Number of branches present. */
    public int branchCount() {
        int n = (conv1x1 ? 1 : 0) + (imagePooling ? 1 : 0);
        for (Boolean b : atrous) {
            n += Boolean.TRUE.equals(b) ? 1 : 0;
        }
        return n;
    }

    /** Channels the ASPP hands to the decoder. */
    public int outputChannels() {
        return projection ? channels : channels * branchCount();
    }

    public AsppConfig withChannels(int c) {
        return new AsppConfig(c, rates, atrous, conv1x1, imagePooling, projection);
    }

    public AsppConfig withBranches(boolean oneByOne, List<Boolean> atrousKept, boolean pooling) {
        return new AsppConfig(channels, rates, atrousKept, oneByOne, pooling, projection);
    }
}
