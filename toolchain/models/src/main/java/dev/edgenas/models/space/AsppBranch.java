package dev.edgenas.models.space;

/**
 * One ASPP branch: a 1x1 conv, a dilated 3x3 conv, or image pooling (global average pool, 1x1 conv,
 * resize back).
 *
 * @param kind     which of the three
 * @param unit     the branch conv
 * @param output   the tensor the branch hands to the ASPP concat
 * @param position index of that tensor among the concat inputs
 */
public record AsppBranch(Kind kind, ConvUnit unit, String output, int position) {
    public enum Kind { CONV1X1, ATROUS, POOL }

    public String label(int atrousIndex) {
        return switch (kind) {
            case CONV1X1 -> "aspp.conv1x1";
            case ATROUS -> "aspp.atrous" + atrousIndex;
            case POOL -> "aspp.pool";
        };
    }
}
