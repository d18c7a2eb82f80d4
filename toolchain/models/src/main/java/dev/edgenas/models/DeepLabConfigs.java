package dev.edgenas.models;

import dev.edgenas.core.BadInputException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Named presets of the DeepLabV3+ family. See docs/MODELS.md for why each is sized as it is. */
public final class DeepLabConfigs {
    /** Face and person parsing labels used by the edgenas pipeline. */
    public static final List<String> PARSING_CLASSES =
            List.of("background", "skin", "hair", "eyes", "mouth", "clothes", "accessories");
    /** PASCAL VOC 2012: background + 20 object classes. */
    public static final List<String> VOC_CLASSES = List.of("background", "aeroplane", "bicycle", "bird", "boat",
            "bottle", "bus", "car", "cat", "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person",
            "pottedplant", "sheep", "sofa", "train", "tvmonitor");

    private static final Map<String, Supplier<DeepLabConfig>> PRESETS = new TreeMap<>(Map.of(
            "default", DeepLabConfigs::defaultConfig,
            "tiny", DeepLabConfigs::tiny,
            "paper", DeepLabConfigs::paper));

    private DeepLabConfigs() {
    }

    /**
     * What the pipeline trains and searches: MobileNetV2 x0.5 at output stride 16, 128x128 input,
     * ASPP and decoder 128 wide. At 128x128 and OS16 the ASPP sees 8x8 maps, so its rates are 2/4/6:
     * with 6/12/18 the two larger rates would sample almost only zero padding.
     */
    public static DeepLabConfig defaultConfig() {
        return new DeepLabConfig(128, 128, PARSING_CLASSES, DeepLabConfig.IMAGENET_MEAN, DeepLabConfig.IMAGENET_STD,
                DeepLabConfig.DEFAULT_IGNORE_LABEL, BackboneConfig.mobileNetV2(0.5, 16),
                AsppConfig.full(128, List.of(2, 4, 6)), new DecoderConfig(48, 128, 2)).validate();
    }

    /** For tests: MobileNetV2 x0.25, 64x64 input (4x4 ASPP maps, rates 1/2/3), heads 32 wide. */
    public static DeepLabConfig tiny() {
        return new DeepLabConfig(64, 64, PARSING_CLASSES, DeepLabConfig.IMAGENET_MEAN, DeepLabConfig.IMAGENET_STD,
                DeepLabConfig.DEFAULT_IGNORE_LABEL, BackboneConfig.mobileNetV2(0.25, 16),
                AsppConfig.full(32, List.of(1, 2, 3)), new DecoderConfig(16, 32, 2)).validate();
    }

    /**
     * The published DeepLabV3+ head sizes on a full MobileNetV2 (ASPP 256, rates 6/12/18, decoder 256,
     * 21 VOC classes). 512x512 rather than the paper's 513x513: 513 only divides cleanly under
     * align_corners resizing, edgenas uses half_pixel and exact integer upsampling factors.
     */
    public static DeepLabConfig paper() {
        return new DeepLabConfig(512, 512, VOC_CLASSES, DeepLabConfig.IMAGENET_MEAN, DeepLabConfig.IMAGENET_STD,
                DeepLabConfig.DEFAULT_IGNORE_LABEL, BackboneConfig.mobileNetV2(1.0, 16),
                AsppConfig.full(256, List.of(6, 12, 18)), new DecoderConfig(48, 256, 2)).validate();
    }

    public static List<String> names() {
        return List.copyOf(PRESETS.keySet());
    }

    /** A preset by name; an unknown name is a BadInputException listing the known ones. */
    public static DeepLabConfig preset(String name) {
        Supplier<DeepLabConfig> s = PRESETS.get(name);
        if (s == null) {
            throw new BadInputException("unknown model preset '" + name + "'; known presets: "
                    + String.join(", ", PRESETS.keySet()));
        }
        return s.get();
    }
}
