package dev.edgenas.runtime;

/**
 * A dense float tensor fed to or read from a network: a batch of images, cached backbone features, logits.
 *
 * @param data  values, row-major
 * @param shape dimensions
 */
public record FloatTensor(float[] data, long[] shape) {
}
