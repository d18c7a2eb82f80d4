package dev.edgenas.scaleout;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Counts tasks that ended because their executor was lost (registered with spark.extraListeners). */
public final class LostTasks extends SparkListener {
    static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (end.reason() instanceof ExecutorLostFailure) {
            COUNT.incrementAndGet();
        }
    }
}
