package dev.edgenas.scaleout;

import dev.edgenas.core.Json;
import dev.edgenas.models.space.Genome;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * One candidate's evaluation as a Spark task: genome key in, the score as a JSON journal line out (the driver
 * parses it with the journal's own mapper, so doubles come back bit for bit). A named class, not a lambda:
 * lambdas need the application jar shipped to deserialize.
 */
final class ScoreTask implements Function<String, String> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<SearchPayload> inputs;

    ScoreTask(Broadcast<SearchPayload> inputs) {
        this.inputs = inputs;
    }

    @Override
    public String call(String genome) throws Exception {
        return Json.MAPPER.writeValueAsString(WorkerEvaluators.of(inputs.value()).evaluate(Genome.parse(genome)));
    }
}
