package dev.edgenas.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (decoupled weight decay, betas 0.9/0.999, eps 1e-8) or SGD with momentum, applied in place
 * to the network's trainable arrays. Written here rather than taken from DJL so that its state (the
 * moments and the step count) can be saved in checkpoints and restored exactly. Weight decay is
 * not applied to 1-D tensors (biases, BatchNorm scale and shift).
 */
public final class ParameterOptimizer implements AutoCloseable {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPS = 1e-8f;

    private final TrainOptions.OptimizerKind kind;
    private final float weightDecay;
    private final float momentum;
    private final Map<String, NDArray> params;
    private final NDManager manager;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long steps;

    public ParameterOptimizer(TrainOptions o, Map<String, NDArray> params, NDManager parent) {
        this.kind = o.optimizer;
        this.weightDecay = (float) o.weightDecay;
        this.momentum = (float) o.momentum;
        this.params = params;
        this.manager = parent.newSubManager();
        params.forEach((name, p) -> {
            first.put(name, manager.zeros(p.getShape()));
            if (kind == TrainOptions.OptimizerKind.ADAMW) {
                second.put(name, manager.zeros(p.getShape()));
            }
        });
    }

    /** Applies one update with the gradients accumulated by the last backward pass, then zeroes them. */
    public void step(double learningRate) {
        steps++;
        float lr = (float) learningRate;
        float bc1 = 1 - (float) Math.pow(BETA1, steps);
        float bc2 = 1 - (float) Math.pow(BETA2, steps);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray w = e.getValue();
                NDArray g = w.getGradient();
                boolean decay = w.getShape().dimension() > 1 && weightDecay > 0;
                NDArray m = first.get(e.getKey());
                if (kind == TrainOptions.OptimizerKind.ADAMW) {
                    NDArray v = second.get(e.getKey());
                    m.muli(BETA1).addi(g.mul(1 - BETA1));
                    v.muli(BETA2).addi(g.square().muli(1 - BETA2));
                    NDArray update = m.div(bc1).divi(v.div(bc2).sqrt().addi(EPS));
                    if (decay) {
                        w.muli(1 - lr * weightDecay);
                    }
                    w.subi(update.muli(lr));
                } else {
                    NDArray grad = decay ? g.add(w.mul(weightDecay)) : g;
                    m.muli(momentum).addi(grad);
                    w.subi(m.mul(lr));
                }
                g.subi(g);
            }
        }
    }

    public long steps() {
        return steps;
    }

    /** Optimizer state by name: "m/<param>", "v/<param>" (AdamW only). */
    public Map<String, float[]> state() {
        Map<String, float[]> s = new LinkedHashMap<>();
        first.forEach((k, a) -> s.put("m/" + k, a.toFloatArray()));
        second.forEach((k, a) -> s.put("v/" + k, a.toFloatArray()));
        return s;
    }

    public void restore(Map<String, float[]> state, long stepCount) {
        first.forEach((k, a) -> a.set(require(state, "m/" + k, a)));
        second.forEach((k, a) -> a.set(require(state, "v/" + k, a)));
        this.steps = stepCount;
    }

    private static float[] require(Map<String, float[]> state, String key, NDArray like) {
        float[] v = state.get(key);
        if (v == null || v.length != like.size()) {
            throw new IllegalArgumentException("optimizer state has no " + key + " of " + like.size() + " values");
        }
        return v;
    }

    @Override
    public void close() {
        manager.close();
    }
}
