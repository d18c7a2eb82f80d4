package dev.edgenas.search;

import dev.edgenas.models.space.Genome;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Candidates de-duplicated by canonical genome: each network is evaluated once per run, journalled, and
 * served from memory afterwards (also to a resumed run, from the journal).
 */
public final class ScoreStore {
    private final CandidateEvaluator evaluator;
    private final java.util.function.Function<Genome, CandidateScore> scorer;
    private final Journal journal;
    private final Map<String, CandidateScore> scores = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final AtomicInteger evaluated = new AtomicInteger();

    public ScoreStore(CandidateEvaluator evaluator, Journal journal) {
        this(evaluator, journal, evaluator::evaluate);
    }

    /** @param scorer computes a score the evaluator would (e.g. on another machine: {@link EvaluationEngine}) */
    public ScoreStore(CandidateEvaluator evaluator, Journal journal,
                      java.util.function.Function<Genome, CandidateScore> scorer) {
        this.evaluator = evaluator;
        this.scorer = scorer;
        this.journal = journal;
        if (journal != null) {
            scores.putAll(journal.scores());
        }
    }

    public CandidateScore score(Genome genome) {
        String key = evaluator.space().canonical(genome).key();
        CandidateScore s = scores.get(key);
        if (s != null) {
            return s;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            s = scores.get(key);
            if (s == null) {
                s = scorer.apply(Genome.parse(key));
                if (journal != null) {
                    journal.append(s);
                }
                scores.put(key, s);
                evaluated.incrementAndGet();
            }
            return s;
        }
    }

    public boolean has(Genome g) {
        return scores.containsKey(evaluator.space().canonical(g).key());
    }

    /** Evaluations computed in this process (not served from the journal). */
    public int evaluatedHere() {
        return evaluated.get();
    }

    public int size() {
        return scores.size();
    }

    public Map<String, CandidateScore> all() {
        return Map.copyOf(scores);
    }
}
