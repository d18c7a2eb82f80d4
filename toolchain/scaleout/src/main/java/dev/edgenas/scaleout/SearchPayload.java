package dev.edgenas.scaleout;

import dev.edgenas.search.EvalData;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A search's scoring inputs, shipped once per job as a Spark broadcast: the pretrained model's bytes, the
 * validation subset and calibration images as loaded (already preprocessed, so workers need no dataset) and
 * the latency tables' bytes. Workers rebuild the same {@code CandidateEvaluator} from it.
 *
 * @param id identifies the run's inputs: a worker JVM builds its evaluator once per id
 */
record SearchPayload(String id, String modelName, byte[] model, Images val, Images calib, List<String> tableNames,
                     List<byte[]> tables, boolean fixBackbone,
                     dev.edgenas.gap8.memory.MemBudget memoryBudget) implements Serializable {

    /** {@link EvalData} in a serializable form (the record itself lives in a module without Spark). */
    record Images(float[] images, byte[][] masks, ArrayList<String> ids, int height, int width)
            implements Serializable {
        static Images of(EvalData d) {
            return d == null ? null : new Images(d.images(), d.masks(), new ArrayList<>(d.ids()), d.height(),
                    d.width());
        }

        static EvalData data(Images i) {
            return i == null ? null : new EvalData(i.images, i.masks, List.copyOf(i.ids), i.height, i.width);
        }
    }
}
