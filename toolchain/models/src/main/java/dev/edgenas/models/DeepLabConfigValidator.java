package dev.edgenas.models;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a {@link DeepLabConfig} field by field; the first problem becomes an InvalidConfigException. */
final class DeepLabConfigValidator {
    private static final int MAX_SIDE = 8192;

    private DeepLabConfigValidator() {
    }

    static void validate(DeepLabConfig c) {
        checkClasses(c);
        checkNormalisation("mean", c.mean(), false);
        checkNormalisation("std", c.std(), true);
        require(c.backbone() != null, "backbone", "missing");
        require(c.aspp() != null, "aspp", "missing");
        require(c.decoder() != null, "decoder", "missing");
        checkBackbone(c.backbone());
        int os = c.backbone().outputStride();
        checkSide("inputHeight", c.inputHeight(), os);
        checkSide("inputWidth", c.inputWidth(), os);
        checkAspp(c.aspp());
        checkDecoder(c.decoder());
    }

    private static void checkClasses(DeepLabConfig c) {
        require(c.classes() != null && !c.classes().isEmpty(), "classes", "need at least one class name");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < c.classes().size(); i++) {
            String name = c.classes().get(i);
            require(name != null && !name.isBlank(), "classes[" + i + "]", "empty class name");
            require(seen.add(name), "classes[" + i + "]", "duplicate class name '" + name + "'");
        }
        int ignore = c.ignoreLabel();
        require(ignore < 0 || ignore >= c.classes().size(), "ignoreLabel",
                ignore + " is a class id (0.." + (c.classes().size() - 1) + "); use e.g. 255");
    }

    private static void checkNormalisation(String field, List<Double> v, boolean positive) {
        require(v != null && v.size() == 3, field, "need 3 values (R, G, B)");
        for (int i = 0; i < 3; i++) {
            Double x = v.get(i);
            require(x != null && Double.isFinite(x) && (!positive || x > 0), field + "[" + i + "]",
                    positive ? "must be a positive number, got " + x : "must be a finite number, got " + x);
        }
    }

    private static void checkSide(String field, int side, int os) {
        require(side > 0 && side <= MAX_SIDE, field, "must be between 1 and " + MAX_SIDE + ", got " + side);
        require(side % os == 0, field, side + " is not divisible by backbone.outputStride " + os
                + " (the decoder needs exact integer upsampling factors)");
    }

    private static void checkBackbone(BackboneConfig b) {
        double w = b.widthMultiplier();
        require(Double.isFinite(w) && w > 0 && w <= 4, "backbone.widthMultiplier", "must be in (0, 4], got " + w);
        require(b.outputStride() == 8 || b.outputStride() == 16, "backbone.outputStride",
                "must be 8 or 16, got " + b.outputStride());
        require(b.stemChannels() > 0, "backbone.stemChannels", "must be positive, got " + b.stemChannels());
        require(b.stages() != null && !b.stages().isEmpty(), "backbone.stages", "need at least one stage");
        for (int i = 0; i < b.stages().size(); i++) {
            checkStage("backbone.stages[" + i + "]", b.stages().get(i));
        }
        BackboneLayout layout = BackboneLayout.of(b);
        require(layout.reachedStride() == b.outputStride(), "backbone.outputStride", b.outputStride()
                + " is never reached: the stage strides only reach " + layout.reachedStride());
        require(layout.lowLevelBlock() >= 0, "backbone.stages",
                "no stage ends at stride 4, which the decoder's low-level features need");
        for (BlockLayout bl : layout.blocks()) {
            if (!bl.hasExpand()) {
                require(bl.expandedChannels() == bl.inChannels(), "backbone.stages[" + (bl.stage() - 1)
                        + "].expandedChannels[" + (bl.block() - 1) + "]", "expansion 1 has no expand conv, so the "
                        + "width must equal the block input " + bl.inChannels() + ", got " + bl.expandedChannels());
            }
        }
    }

    private static void checkStage(String field, StageConfig s) {
        require(s != null, field, "missing");
        require(s.expansion() >= 1, field + ".expansion", "must be at least 1, got " + s.expansion());
        require(s.channels() > 0, field + ".channels", "must be positive, got " + s.channels());
        require(s.repeats() >= 1, field + ".repeats", "must be at least 1, got " + s.repeats());
        require(s.stride() == 1 || s.stride() == 2, field + ".stride", "must be 1 or 2, got " + s.stride());
        List<Integer> e = s.expandedChannels();
        require(e.isEmpty() || e.size() == s.repeats(), field + ".expandedChannels",
                "need one width per block (" + s.repeats() + ") or none, got " + e.size());
        for (int i = 0; i < e.size(); i++) {
            require(e.get(i) != null && e.get(i) > 0, field + ".expandedChannels[" + i + "]",
                    "must be positive, got " + e.get(i));
        }
    }

    private static void checkAspp(AsppConfig a) {
        require(a.channels() > 0, "aspp.channels", "must be positive, got " + a.channels());
        require(a.rates() != null, "aspp.rates", "missing (use [] for no atrous branch)");
        require(a.atrous() != null && a.atrous().size() == a.rates().size(), "aspp.atrous",
                "need one on/off flag per rate (" + a.rates().size() + ")");
        for (int i = 0; i < a.rates().size(); i++) {
            Integer r = a.rates().get(i);
            require(r != null && r >= 1, "aspp.rates[" + i + "]", "must be at least 1, got " + r);
            require(a.atrous().get(i) != null, "aspp.atrous[" + i + "]", "must be true or false");
        }
        require(a.branchCount() > 0, "aspp", "no branch left: keep at least one of conv1x1, atrous, imagePooling");
    }

    private static void checkDecoder(DecoderConfig d) {
        require(d.lowLevelChannels() > 0, "decoder.lowLevelChannels", "must be positive, got " + d.lowLevelChannels());
        require(d.channels() > 0, "decoder.channels", "must be positive, got " + d.channels());
        require(d.convs() >= 0 && d.convs() <= DecoderConfig.MAX_CONVS, "decoder.convs",
                "must be 0.." + DecoderConfig.MAX_CONVS + ", got " + d.convs());
    }

    private static void require(boolean ok, String field, String problem) {
        if (!ok) {
            throw new InvalidConfigException(field, problem);
        }
    }
}
