package dev.edgenas.data;

import java.util.random.RandomGenerator;

/**
 * Pose and size of a synthetic head in design coordinates (128x128). Feature positions are in the
 * head's own frame: origin at the face centre, x to the right, y down, rotated by {@code roll}.
 * Yaw (turning left/right) and pitch (nodding) move the features across the face and foreshorten
 * the eye turned away, a cheap stand-in for 3-D pose.
 */
record Head(double cx, double cy, double rx, double ry, double roll, double yaw, double pitch) {

    static Head random(RandomGenerator rng) {
        double ry = 21 + rng.nextDouble() * 18;            // face height 42..78 of 128
        double rx = ry * (0.70 + rng.nextDouble() * 0.14);
        double cx = 64 + (rng.nextDouble() * 2 - 1) * 24;
        double cy = 54 + (rng.nextDouble() * 2 - 1) * 14;
        double roll = Math.toRadians((rng.nextDouble() * 2 - 1) * 28);
        double yaw = (rng.nextDouble() * 2 - 1) * 0.6;
        double pitch = (rng.nextDouble() * 2 - 1) * 0.6;
        return new Head(cx, cy, rx, ry, roll, yaw, pitch);
    }

    double featureDx() {
        return yaw * rx * 0.35;
    }

    double featureDy() {
        return pitch * ry * 0.18;
    }

    double eyeY() {
        return -0.06 * ry + featureDy();
    }

    /** side -1 = image left, +1 = image right. */
    double eyeX(int side) {
        return side * 0.40 * rx * (1 - side * yaw * 0.25) + featureDx();
    }

    /** The eye on the side the head turns towards is seen edge-on, so narrower. */
    double eyeHalfWidth(int side) {
        return 0.19 * rx * (1 - side * yaw * 0.5);
    }

    double mouthY() {
        return 0.50 * ry + featureDy() * 0.7;
    }

    /** Whether the ear on this side is visible (not turned behind the head). */
    boolean earVisible(int side) {
        return side * yaw < 0.3;
    }

    double earX(int side) {
        return side * rx * (0.97 - side * yaw * 0.15);
    }

    /** Image position of the neck base (head frame (0, 1.15 ry)), where the body is attached. */
    double neckBaseX() {
        return cx - Math.sin(roll) * ry * 1.15;
    }

    double neckBaseY() {
        return cy + Math.cos(roll) * ry * 1.15;
    }
}
