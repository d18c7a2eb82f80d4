package dev.edgenas.gap8.memory;

/** One int8 activation of a network as the memory planner sees it: a name and a C x H x W shape (batch 1). */
public record MemTensor(String name, int c, int h, int w) {
    public long bytes() {
        return (long) c * h * w;
    }

    /** Bytes of one row of all channels (HWC: a contiguous run). */
    public long rowBytes() {
        return (long) w * c;
    }
}
