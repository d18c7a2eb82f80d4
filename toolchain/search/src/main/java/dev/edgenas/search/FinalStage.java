package dev.edgenas.search;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.edgenas.data.VocDataset;
import dev.edgenas.ir.ModelMetadata;
import dev.edgenas.ir.OnnxModels;
import dev.edgenas.latency.HostIdentity;
import dev.edgenas.latency.TableProvenance;
import dev.edgenas.runtime.OrtEnv;
import dev.edgenas.train.FineTuner;
import dev.edgenas.train.TrainingDivergedException;
import dev.edgenas.train.TrainOptions;
import dev.edgenas.runtime.NetworkTimer;
import dev.edgenas.runtime.OrtSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;

/**
 * The final stage: fine-tunes part of the Pareto set with distillation from the pretrained model (the train
 * module's FineTuner) in a screening and a focus round ({@link FinetunePlan}), re-evaluates each network on the
 * whole validation split, measures latency on this host when the first table describes it, and picks the fastest
 * network within the accuracy tolerance of the pretrained model. Finished networks are logged
 * ({@link FinetuneLog}), so a resumed run continues where a killed one stopped.
 */
final class FinalStage {
    /**
     * What the stage produced.
     *
     * @param entries  the Pareto set with final mIoU (fine-tuned networks) and measured latency (measured ones)
     * @param spearman rank correlation of proxy and screened mIoU (NaN with fewer than 3 screened networks)
     * @param pick     the fastest network within the tolerance, and the reference it was held to
     */
    record Result(List<ParetoEntry> entries, double spearman, FinalPick pick) {
    }

    /** Retries of a fine-tuning whose loss diverged, each at a quarter of the previous learning rate. */
    static final int RETRIES = 1;

    /** Interleaved runs per network for measured latency (20 warm-up runs first). */
    static final int MEASURE_ROUNDS = 300;

    /** Sessions per network for measured latency (median of their medians; {@link NetworkTimer#medians}). */
    static final int MEASURE_SESSIONS = 3;

    private FinalStage() {
    }

    /** What every fine-tuning of a run shares. */
    private record Context(SearchOptions o, ModelMetadata meta, EvalData fullVal, FinetuneLog log, String recipe,
                           int trainImages) {
    }

    /**
     * Runs the stage. {@code reference} is the mIoU the tolerance is measured from; null = the pretrained model's on
     * the whole validation split (tests pass others).
     */
    static Result run(SearchOptions o, SearchInputs in, List<ParetoEntry> pareto, CandidateScore full,
                      Double reference) {
        ModelProto model = in.model();
        ModelMetadata meta = in.meta();
        EvalData fullVal = EvalData.load(VocDataset.open(o.data, o.valSplit), meta, 0);
        double ref = reference != null ? reference
                : CandidateEvaluator.miou(model, fullVal, meta.numClasses(), meta.ignoreLabel());
        String modelSha = in.modelSha256();
        List<ParetoEntry> out = new ArrayList<>(pareto);
        // the pretrained network itself is the reference, not a candidate: fine-tuning it again only perturbs it
        int k = o.finetuneNetworks;
        List<Integer> screened = o.targetSpeedup > 0 ? TargetPlan.screening(pareto, full, o.targetSpeedup, k)
                : FinetunePlan.screening(pareto, full.genome(), full.miou(), k);
        // latency depends on the architecture only, so the cut networks are measured before any fine-tuning: the
        // target candidate is then chosen by its measured speed-up, and the focus round uses the measured figures
        int threads = measureThreads(in);
        Double fullMs = null;
        String measurement = "not measured (the first latency table was profiled on another machine or device)";
        FinetuneLog log = FinetuneLog.open(o.out, o.resume);
        if (threads > 0) {
            List<Integer> probes = o.targetSpeedup > 0 ? TargetPlan.probes(pareto, full, o.targetSpeedup) : List.of();
            Set<Integer> timed = new TreeSet<>(FinetunePlan.screening(pareto, full.genome(), full.miou(), k));
            if (o.targetSpeedup > 0 && k > 1) { // TargetPlan.screening's k - 1 spread picks plus a candidate
                timed.addAll(FinetunePlan.screening(pareto, full.genome(), full.miou(), k - 1));
            }
            timed.addAll(probes);
            List<Path> files = new ArrayList<>(List.of(o.model));
            List<String> keys = new ArrayList<>(List.of("full"));
            for (int i : timed) {
                files.add(o.out.resolve(pareto.get(i).file()));
                keys.add(pareto.get(i).genome());
            }
            String settings = "threads=" + threads + ";sessions=" + MEASURE_SESSIONS + ";model=" + modelSha;
            double[] ms = log.measured(keys, settings); // a resumed run keeps its figures, hence its decisions
            if (ms == null) {
                ms = NetworkTimer.medians(files, new OrtSettings(threads, "ALL_OPT"), NetworkTimer.policy(20, MEASURE_ROUNDS),
                        MEASURE_SESSIONS);
                log.recordMeasured(keys, settings, ms);
            }
            fullMs = ms[0];
            Map<Integer, Double> byIndex = new HashMap<>();
            int j = 1;
            for (int i : timed) {
                byIndex.put(i, ms[j++]);
                out.set(i, out.get(i).withMeasured(byIndex.get(i)));
            }
            measurement = String.format("ONNX Runtime on this host, batch 1, %d intra-op thread(s), median of "
                    + "interleaved runs until its 95%% CI is within 2%% (at most %d runs or 3 s per session; the "
                    + "timer of table validation), median over %d sessions per network", threads, MEASURE_ROUNDS,
                    MEASURE_SESSIONS);
            if (o.targetSpeedup > 0) {
                int best = TargetPlan.bestMeasured(pareto, full, fullMs, byIndex, probes, o.targetSpeedup);
                screened = TargetPlan.screening(pareto, full, k, best);
                measurement += best < 0 ? "" : String.format("; target candidate %s (of %d timed before screening): "
                        + "%.2fx measured, table %.2fx", pareto.get(best).file(), probes.size(),
                        byIndex.containsKey(best) ? fullMs / byIndex.get(best) : Double.NaN,
                        TargetPlan.speedup(pareto.get(best), full, null));
            }
        }
        String recipe = String.format("lr=%s;batch=%d;limit=%d;seed=%d;teacher=%s", o.finetuneLr, o.finetuneBatch,
                o.finetuneLimit, o.seed, modelSha);
        Context c = new Context(o, meta, fullVal, log, recipe, VocDataset.open(o.data, o.trainSplit).size());
        for (int i : screened) {
            out.set(i, tune(c, out.get(i), "screen", o.finetuneEpochs, o.finetuneLimit));
        }
        // a network whose screening diverged has no screened mIoU and stays out of the correlation
        double rho = spearman(screened.stream().map(out::get).filter(e -> e.screenMiou() != null).toList());
        Set<Integer> focused = new HashSet<>();
        String trained = null;
        int focusSlots = o.focusNetworks;
        if (o.targetSpeedup > 0 && o.focusEpochs > 0 && o.focusNetworks > 0) {
            trained = targetRound(c, out, full, fullMs, ref, focused);
            focusSlots = focused.isEmpty() ? focusSlots : 0;
        }
        while (o.focusEpochs > 0 && focused.size() < focusSlots) {
            int i = FinetunePlan.nextFocus(out, ref, o.maxDrop, o.focusReach, focused);
            if (i < 0) {
                break;
            }
            focused.add(i);
            out.set(i, tune(c, out.get(i), "focus", o.focusEpochs, 0));
        }
        int pick = FinetunePlan.pick(out, ref, o.maxDrop);
        FinalPick.Target target = null;
        if (o.targetSpeedup > 0) {
            boolean met = TargetPlan.met(out, full, fullMs, ref, o.maxDrop, o.targetSpeedup);
            int near = met ? -1 : TargetPlan.nearMiss(out, full, fullMs, o.targetSpeedup);
            ParetoEntry n = near < 0 ? null : out.get(near);
            target = new FinalPick.Target(o.targetSpeedup, met, n, n == null ? null : TargetPlan.speedup(n, full, fullMs),
                    n == null ? null : ref - n.finalMiou(), trained == null ? "no focus budget" : trained);
        }
        return new Result(out, rho, FinalPick.of(ref, fullMs, o.maxDrop, measurement,
                pick < 0 ? null : out.get(pick), full, target));
    }

    /**
     * With a target and none of the screened networks meeting it: the whole focus budget (--focus-networks x
     * --focus-epochs epochs, one longer run) on the most accurate screened network at least the target speed-up
     * faster (measured: plus {@link TargetPlan#TIMER_MARGIN}), when it is within --max-drop plus twice the focus
     * reach ({@link TargetPlan#next}). Returns what it did.
     */
    private static String targetRound(Context c, List<ParetoEntry> out, CandidateScore full, Double fullMs, double ref,
                                      Set<Integer> focused) {
        SearchOptions o = c.o();
        // a measured speed-up counts only with the timer's margin: 2.00x measured may be 1.95x a few minutes later
        double aim = fullMs == null ? o.targetSpeedup : o.targetSpeedup * (1 + TargetPlan.TIMER_MARGIN);
        if (TargetPlan.met(out, full, fullMs, ref, o.maxDrop, aim)) {
            return "nothing: a screened network met the target (the focus round then looks for a faster one)";
        }
        int i = TargetPlan.next(out, full, fullMs, ref, o.maxDrop, 2 * o.focusReach, aim, focused);
        if (i < 0) {
            return String.format("nothing: no screened network %.2fx faster within %.1f points (the focus round "
                    + "takes the fastest reachable ones instead)", aim, 100 * (o.maxDrop + 2 * o.focusReach));
        }
        int epochs = o.focusNetworks * o.focusEpochs;
        StringBuilder diverged = new StringBuilder();
        for (; i >= 0; i = TargetPlan.next(out, full, fullMs, ref, o.maxDrop, 2 * o.focusReach, aim, focused)) {
            focused.add(i);
            ParetoEntry before = out.get(i);
            ParetoEntry after = tune(c, before, "target", epochs, 0);
            if (after == before) { // diverged at both learning rates: the next candidate gets the budget
                diverged.append("; ").append(before.file()).append(" diverged, kept as screened");
                continue;
            }
            out.set(i, after);
            return String.format("%s (the most accurate screened network at %.2fx) %d more epoch(s) on the whole "
                    + "training split: %.4f -> %.4f%s", before.file(), TargetPlan.speedup(after, full, fullMs), epochs,
                    after.screenMiou(), after.finalMiou(), diverged);
        }
        return "nothing: every candidate's training diverged" + diverged;
    }

    /** One round of fine-tuning of one network (or its finished record), scored on the whole validation split. */
    private static ParetoEntry tune(Context c, ParetoEntry e, String round, int epochs, int limit) {
        SearchOptions o = c.o();
        String key = FinetuneLog.key(e.genome(), round, c.recipe() + ";epochs=" + epochs + ";from=" + e.file());
        int perEpoch = limit > 0 ? Math.min(limit, c.trainImages()) : c.trainImages();
        int images = epochs * perEpoch;
        FinetuneLog.Done done = c.log().find(key);
        if (done != null) {
            return e.fineTuned(done.miou(), done.file(), done.images());
        }
        String base = e.file().replaceAll("(-finetuned)?\\.onnx$", "");
        String file = base + (round.equals("screen") ? "-finetuned.onnx" : "-finetuned-" + round + ".onnx");
        TrainOptions t = new TrainOptions();
        t.data = o.data;
        t.trainSplit = o.trainSplit;
        t.valSplit = o.valSplit;
        t.epochs = epochs;
        t.warmupEpochs = 0;
        t.lr = o.finetuneLr;
        t.trainLimit = limit;
        t.batch = Math.min(o.finetuneBatch, perEpoch);
        t.valLimit = Math.min(16, c.fullVal().count());
        t.seed = o.seed;
        t.threads = o.effectiveThreads();
        t.progress = o.progress;
        ModelProto student = OnnxModels.read(o.out.resolve(e.file()));
        ModelProto tuned = null;
        for (int attempt = 1; tuned == null; attempt++) {
            try {
                tuned = FineTuner.fineTune(student, o.out.resolve(e.file()), o.model, t, null).model();
            } catch (TrainingDivergedException d) {
                // one diverging network must not lose the run: retry once at a quarter of the rate, then keep it as it is
                String what = String.format("fine-tuning %s (%s round) diverged at lr %s (epoch %d, step %d)", e.file(),
                        round, t.lr, d.epoch(), d.step());
                if (attempt == RETRIES + 1) {
                    System.err.println("edgenas: warning: " + what + "; the network keeps its earlier weights and mIoU");
                    c.log().recordDiverged(key, what);
                    return e;
                }
                t.lr /= 4;
                System.err.println("edgenas: warning: " + what + "; retrying at lr " + t.lr);
            }
        }
        OnnxModels.write(tuned, o.out.resolve(file));
        double miou = CandidateEvaluator.miou(tuned, c.fullVal(), c.meta().numClasses(), c.meta().ignoreLabel());
        c.log().record(key, miou, file, images);
        return e.fineTuned(miou, file, images);
    }

    /**
     * Intra-op threads to measure latency with on this host: those of the first table when it was profiled on this
     * host's CPU (model, cores and ONNX Runtime version, HostIdentity), 1 without tables (MACs objective), -1 (do not
     * measure: host measurements would be compared with another machine's figures) when it describes another device.
     */
    static int measureThreads(SearchInputs in) {
        if (in.tables().isEmpty()) {
            return 1;
        }
        TableProvenance p = in.tables().get(0).provenance();
        boolean thisHost = HostIdentity.current(OrtEnv.get().getVersion()).describes(p);
        return thisHost ? Math.max(1, p.threads()) : -1;
    }

    /** Spearman correlation of proxy and screened mIoU; NaN with fewer than 3 networks. */
    static double spearman(List<ParetoEntry> screened) {
        if (screened.size() < 3) {
            return Double.NaN;
        }
        double[] proxy = screened.stream().mapToDouble(ParetoEntry::proxyMiou).toArray();
        double[] fin = screened.stream().mapToDouble(ParetoEntry::screenMiou).toArray();
        return new SpearmansCorrelation().correlation(proxy, fin);
    }
}
