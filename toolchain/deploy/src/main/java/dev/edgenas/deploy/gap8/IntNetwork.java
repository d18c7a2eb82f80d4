package dev.edgenas.deploy.gap8;

import java.util.List;

/** The integer network: input, output and layers in execution order. */
public record IntNetwork(QTensor input, QTensor output, List<IntLayer> layers) {
    public long weightBytes() {
        return layers.stream().mapToLong(IntLayer::paramBytes).sum();
    }

    public long macs() {
        return layers.stream().filter(l -> l instanceof IntLayer.Conv).mapToLong(IntLayer::ops).sum();
    }
}
