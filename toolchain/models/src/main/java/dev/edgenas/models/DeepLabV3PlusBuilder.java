package dev.edgenas.models;

import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.edgenas.core.Json;
import dev.edgenas.core.Provenance;
import dev.edgenas.ir.GraphBuilder;
import dev.edgenas.ir.ModelMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a DeepLabV3+ network with a MobileNetV2 backbone as an ONNX model (opset 17), with
 * deterministic seeded weights. Input {@code input} [N,3,H,W] float (N symbolic), output {@code logits}
 * [N,classes,H,W]. Names follow {@link DeepLabNames}; nodes appear in topological order.
 */
public final class DeepLabV3PlusBuilder {
    private final DeepLabConfig cfg;
    private final BackboneLayout layout;
    private final GraphBuilder g;
    private final Layers layers;

    private DeepLabV3PlusBuilder(DeepLabConfig cfg, long seed) {
        this.cfg = cfg.validate();
        this.layout = BackboneLayout.of(cfg.backbone());
        this.g = new GraphBuilder("deeplabv3plus_mobilenetv2");
        this.layers = new Layers(g, new WeightInit(seed));
    }

    /** Validates the config (InvalidConfigException naming the field) and builds the model. */
    public static ModelProto build(DeepLabConfig cfg, long seed) {
        DeepLabV3PlusBuilder b = new DeepLabV3PlusBuilder(cfg, seed);
        String x = b.g.input(DeepLabNames.INPUT, -1, 3, cfg.inputHeight(), cfg.inputWidth());
        String[] features = b.backbone(x);
        String aspp = b.aspp(features[1]);
        b.decoder(aspp, features[0]);
        b.g.output(DeepLabNames.OUTPUT, -1, cfg.numClasses(), cfg.inputHeight(), cfg.inputWidth());
        b.metadata(seed);
        return b.g.build();
    }

    /** Returns {low-level features (stride 4), high-level features (output stride)}. */
    private String[] backbone(String x) {
        String t = layers.convBnAct(DeepLabNames.STEM, x, 3, layout.stemChannels(), 3,
                BackboneLayout.STEM_STRIDE, 1, 1, Layers.Act.RELU6);
        String low = null;
        for (int i = 0; i < layout.blocks().size(); i++) {
            t = invertedResidual(layout.blocks().get(i), t);
            if (i == layout.lowLevelBlock()) {
                low = t;
            }
        }
        return new String[] {low, t};
    }

    private String invertedResidual(BlockLayout b, String in) {
        String p = b.prefix();
        String t = in;
        if (b.hasExpand()) {
            t = layers.convBnAct(p + ".expand", t, b.inChannels(), b.expandedChannels(), 1, 1, 1, 1, Layers.Act.RELU6);
        }
        int e = b.expandedChannels();
        t = layers.convBnAct(p + ".dw", t, e, e, 3, b.stride(), b.dilation(), e, Layers.Act.RELU6);
        t = layers.convBnAct(p + ".project", t, e, b.outChannels(), 1, 1, 1, 1, Layers.Act.NONE);
        return b.residual() ? layers.add(p + ".add", in, t) : t;
    }

    private String aspp(String x) {
        AsppConfig a = cfg.aspp();
        int inC = layout.highLevelChannels();
        int c = a.channels();
        List<String> branches = new ArrayList<>();
        if (a.conv1x1()) {
            branches.add(layers.convBnAct(DeepLabNames.ASPP_CONV1X1, x, inC, c, 1, 1, 1, 1, Layers.Act.RELU));
        }
        for (int i = 0; i < a.rates().size(); i++) {
            if (a.atrous().get(i)) {
                int rate = a.rates().get(i);
                branches.add(layers.convBnAct(DeepLabNames.atrous(i + 1), x, inC, c, 3, 1, rate, 1, Layers.Act.RELU));
            }
        }
        if (a.imagePooling()) {
            String p = DeepLabNames.ASPP_POOL;
            String gap = layers.globalAveragePool(p + ".gap", x);
            String conv = layers.convBnAct(p, gap, inC, c, 1, 1, 1, 1, Layers.Act.RELU);
            int os = cfg.backbone().outputStride();
            branches.add(layers.resize(p + ".resize", conv, cfg.inputHeight() / os, cfg.inputWidth() / os));
        }
        String cat = branches.size() == 1 ? branches.get(0) : layers.concat(DeepLabNames.ASPP_CONCAT, branches);
        return a.projection()
                ? layers.convBnAct(DeepLabNames.ASPP_PROJECT, cat, c * branches.size(), c, 1, 1, 1, 1, Layers.Act.RELU)
                : cat;
    }

    private void decoder(String aspp, String lowFeatures) {
        DecoderConfig d = cfg.decoder();
        int up = cfg.backbone().outputStride() / BackboneLayout.LOW_LEVEL_STRIDE;
        String upsampled = layers.resize(DeepLabNames.DECODER_UPSAMPLE, aspp, up, up);
        String low = layers.convBnAct(DeepLabNames.DECODER_LOW, lowFeatures, layout.lowLevelChannels(),
                d.lowLevelChannels(), 1, 1, 1, 1, Layers.Act.RELU);
        String t = layers.concat(DeepLabNames.DECODER_CONCAT, List.of(upsampled, low));
        int channels = cfg.aspp().outputChannels() + d.lowLevelChannels();
        for (int i = 1; i <= d.convs(); i++) {
            t = layers.convBnAct(DeepLabNames.decoderConv(i), t, channels, d.channels(), 3, 1, 1, 1, Layers.Act.RELU);
            channels = d.channels();
        }
        String logits = layers.convWithBias(DeepLabNames.CLASSIFIER, t, channels, cfg.numClasses());
        int f = BackboneLayout.LOW_LEVEL_STRIDE;
        layers.resize(DeepLabNames.OUTPUT, logits, f, f);
    }

    private void metadata(long seed) {
        ModelMetadata pre = new ModelMetadata(DeepLabNames.INPUT, DeepLabNames.OUTPUT, cfg.inputHeight(),
                cfg.inputWidth(), floats(cfg.mean()), floats(cfg.std()), cfg.classes(), cfg.ignoreLabel());
        g.metadata(ModelMetadata.KEY, pre.toJson());
        g.metadata(ModelMetadata.ARCHITECTURE_KEY, cfg.toJson());
        try {
            g.metadata(ModelMetadata.PROVENANCE_KEY, Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(Provenance.now(Map.of(), seed, null)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise provenance", e);
        }
    }

    private static float[] floats(List<Double> v) {
        float[] f = new float[v.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = v.get(i).floatValue();
        }
        return f;
    }
}
