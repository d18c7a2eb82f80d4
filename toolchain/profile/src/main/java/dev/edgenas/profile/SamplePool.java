package dev.edgenas.profile;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Repetitions measured on a device and not yet handed to the measurement loop, per kernel key,
 * oldest first, for backends whose device round is expensive (a GAP8 firmware build and load, an
 * Android agent start): one device run measures many repetitions of each kernel and the shared
 * loop's bursts are served from them; every sample is handed out once. A refill asks for more
 * than was served before (doubling), so a kernel that needs many samples costs few device runs.
 */
public final class SamplePool {
    private final Map<String, ArrayDeque<Long>> waiting = new HashMap<>();
    private final Map<String, Integer> served = new HashMap<>();
    private final Set<String> takenSinceRefill = new LinkedHashSet<>();

    public int available(String key) {
        ArrayDeque<Long> q = waiting.get(key);
        return q == null ? 0 : q.size();
    }

    public void add(String key, long[] values) {
        ArrayDeque<Long> q = waiting.computeIfAbsent(key, k -> new ArrayDeque<>());
        for (long v : values) {
            q.add(v);
        }
    }

    /** Takes n samples (the caller made sure they are there). */
    public long[] take(String key, int n) {
        ArrayDeque<Long> q = waiting.get(key);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = q.removeFirst();
        }
        served.merge(key, n, Integer::sum);
        takenSinceRefill.add(key);
        return out;
    }

    /**
     * Keys served since the last refill that hold fewer than {@code below} samples: the loop is
     * likely to ask for them again soon (it asks per burst size, so one round can be several
     * calls), and refilling them with the keys at hand saves a device run. Clears the record.
     */
    public List<String> runningLow(int below) {
        List<String> low = new ArrayList<>();
        for (String k : takenSinceRefill) {
            if (available(k) < below) {
                low.add(k);
            }
        }
        takenSinceRefill.clear();
        return low;
    }

    /** Repetitions to ask the device for: at least what is wanted, the chunk, and what was served so far. */
    public int refillSize(List<String> keys, int wanted, int chunk, int max) {
        int n = Math.max(wanted, chunk);
        for (String k : keys) {
            n = Math.max(n, served.getOrDefault(k, 0));
        }
        return Math.min(n, max);
    }
}
