package dev.edgenas.gap8.memory;

import java.util.List;

/** A network for the memory planner: input, output and layers in execution order. */
public record MemNet(MemTensor input, MemTensor output, List<MemLayer> layers) {
    public MemNet {
        layers = List.copyOf(layers);
    }

    public long weightBytes() {
        return layers.stream().mapToLong(MemLayer::weightBytes).sum();
    }
}
