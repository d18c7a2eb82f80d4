package dev.edgenas.data;

import java.util.List;

/** The classes of the synthetic portrait-parsing dataset. */
public final class PortraitClasses {
    public static final int BACKGROUND = 0;
    /** Face, ears and neck; a hand held in front of the face is not skin but background (an occluder). */
    public static final int SKIN = 1;
    /** Head hair, loose strands and eyebrows. */
    public static final int HAIR = 2;
    /** Both eyes: sclera, iris and pupil. */
    public static final int EYES = 3;
    /** Lips and, when open, the mouth's interior. */
    public static final int MOUTH = 4;
    public static final int CLOTHES = 5;
    /** Glasses frames (and opaque sunglass lenses), earrings, hats, necklaces. */
    public static final int ACCESSORIES = 6;

    public static final List<String> NAMES = List.of(
            "background", "skin", "hair", "eyes", "mouth", "clothes", "accessories");

    private PortraitClasses() {
    }

    public static int count() {
        return NAMES.size();
    }
}
