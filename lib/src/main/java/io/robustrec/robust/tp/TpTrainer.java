package io.robustrec.robust.tp;

import io.robustrec.data.Batch;
import io.robustrec.data.BatchConfig;
import io.robustrec.data.TargetMode;
import io.robustrec.data.TrainingBatches;
import io.robustrec.model.SequenceModel;
import io.robustrec.train.LoopTrainer;
import io.robustrec.train.Optimizer;
import io.robustrec.train.TrainConfig;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.IntUnaryOperator;

/**
 * TP, transferable parameters for long-tailed users: Yin, Liu, Wang, Sun and Hoi, "Learning Transferrable Parameters
 * for Long-tailed Sequential User Behavior Modeling", KDD 2020. Users are tasks; a Reptile-style outer step rewards
 * parameters whose gradients agree across users, and an adversarial head/tail discriminator on the sequence
 * representation φ pushes φ to carry no trace of how active the user is.
 *
 * <pre>
 *   Θ ← θ ; Θ_d ← θ_d
 *   for i in 1..k:                                           (inner loop: plain SGD, rate α)
 *     D_i ← the i-th slice of the batch's users, with their training windows
 *     θ   ← θ   − α ∇_θ  [ L(D_i; θ) − λ · BCE(f_d(φ(D_i; θ)), R) ]      (fit the data, fool the discriminator)
 *     θ_d ← θ_d − α ∇_θd   BCE(f_d(φ(D_i; θ)), R)                      (learn head (R = 1) vs tail (R = 0))
 *   θ   ← Θ   − OuterStep(Θ − θ) ;  θ_d ← Θ_d − OuterStep(Θ_d − θ_d)
 * </pre>
 * To first order the outer step follows Σ_i ∇L(D_i) − (α/2) ∇ Σ_{i&lt;j} ∇L(D_i)·∇L(D_j): it favours parameters
 * whose gradients on different users' data point the same way. k = 1 is joint (ERM-like) training.
 *
 * <p><b>Readings chosen.</b>
 * <ul>
 *   <li>Signs. The paper's Eq. 6 and Algorithm 1 add the adversarial term and call L_d a log-likelihood; the only
 *       reading consistent with its text (the backbone should fool the discriminator) is the one above. It is
 *       implemented as a gradient-reversal layer on φ ({@link Discriminator}), so one backward pass of L + BCE
 *       gives θ the gradient ∇L − λ∇BCE and θ_d the gradient ∇BCE.</li>
 *   <li>Outer step. OuterStep is the run's optimizer ({@link io.robustrec.train.TrainConfig#optimizer()}) at the
 *       run's learning rate β, fed Θ − θ as its gradient: Adam (the default, as the paper: Adam, β = 0.001) or SGD,
 *       which gives the plain interpolation θ ← Θ − β(Θ − θ). The discriminator has its own optimizer of the same
 *       kind and rate. Adam is scale-free, so with k = 1 and λ = 0 TP takes the same steps as ERM with Adam.</li>
 *   <li>Tasks per inner step. The paper samples one user per inner step. Here an inner step's task D_i is u users
 *       ({@link TpConfig#usersPerStep()}, default 4), each with all of its windows (every position of its training
 *       row); one outer iteration takes the next k · u users of the loop's shuffled batch, so a batch of B ≥ k · u users
 *       makes ⌈B / (k · u)⌉ outer steps (a smaller last group, such as the end of an epoch, is dealt into k slices as
 *       evenly as it allows; a group of fewer than k users takes one inner step per user). With B a multiple of k · u
 *       the training does not depend on B (only which dropout masks are drawn does), and ERM with batches of k · u
 *       users takes as many optimizer steps. Why not one user: every inner step is a whole SameDiff graph execution,
 *       whose per-op overhead dominates at one row, and independent single-user chains (multi-task Reptile) cannot
 *       share one execution because each chain has its own θ. With u users per task the
 *       gradient-agreement term acts between groups of users: in expectation the same inner products ∇L(u)·∇L(v)
 *       between different users appear, with weight 1/u². Why 4: it was chosen on the validation item (Online Retail,
 *       GRU4Rec, seeds 1–3: mean validation NDCG@10 0.1617 with 4 users per task against 0.1603 with 16);
 *       {@code usersPerStep = 1} is the paper's setting.</li>
 *   <li>Chains. With {@link TpConfig#chains()} M &gt; 1 the outer step is Reptile's batched form (Nichol et al.,
 *       Algorithm 2): M chains of k tasks each start from the same Θ and the outer step is fed the mean of their
 *       displacements, (1/M) Σ_m (Θ − θ_m). It keeps small tasks (down to the paper's one user) while each outer step
 *       sees M · k · u users, so the outer gradient is as steady as with larger tasks; the gradient-agreement term then
 *       acts within each chain only. The chains run one after another (each has its own θ), so the cost per user is
 *       that of tasks of u users. Default M = 1, the paper's algorithm. Measured (notebook {@code 05_tp}, section 8):
 *       four chains of one-user tasks lose to ERM as much as one-user tasks without chains, at α = 0.5 and at 0.05
 *       alike, and as much as {@link TpConfig#equalUserWeights()}: a one-user task is its user's mean loss, so every
 *       user counts the same whatever its activity. Weighted by their targets
 *       ({@link TpConfig#weightTasksByTargets()}) the same chains lose 2.7% instead of 24% (GRU4Rec, synthetic world):
 *       the equal weighting, not the size of the tasks or the noise of the outer step, is what costs. They beat ERM
 *       on Online Retail's existing and tail users (GRU4Rec and SASRec, every window), where k = 2 also beats k = 1
 *       (GRU4Rec); on the synthetic world, where ERM serves tail users as well as head users, they stay 1–3% below
 *       it, also with α chosen on validation.</li>
 *   <li>A user's windows. The paper's task T_u holds every (L items before t, item at t) of the user. With the run's
 *       {@link TrainConfig#allTargets()} on (and targets at all positions), a user's training sequence is cut into
 *       windows of L targets ({@link io.robustrec.data.BatchConfig#allTargets()}) and D_i holds all windows of its
 *       users: the loop then iterates users, one row each, and the rows are expanded here; ERM under the same setting
 *       iterates windows, so a heavy user weighs in proportion to its activity there. With it off (the default, as
 *       SASRec's recipe) each user contributes its last window only, and heavy users' older items are not
 *       trained on by any trainer.</li>
 *   <li>Within a task, targets are averaged over all of them by default (a user counts by its number of targets);
 *       {@link TpConfig#equalUserWeights()} averages each user's targets first, so that every user of the task counts
 *       the same, as the paper's one-user tasks do.</li>
 *   <li>{@link TpConfig#weightTasksByTargets()} instead scales each task's loss to Σ ℓ / (mean targets per task of
 *       the outer iteration), so that every target of the iteration counts the same, as in one ERM batch, whichever
 *       task it falls in: with k = 1 and α → 0 the outer step is then ERM's on the iteration's users.</li>
 *   <li>Head/tail labels: {@link HeadTailLabels} over the training users, by number of training interactions.</li>
 *   <li>Loss reported per batch: the mean of the batch's inner data losses L(D_i) (without the adversarial term).</li>
 * </ul>
 * Cost: one graph execution of u rows per inner step, B / u per batch instead of one of B rows, plus a copy of θ
 * per outer step. Measured at the defaults against ERM with batches of k · u = 8 users (L 20, d 32, one block, two
 * runs at a time): seconds per epoch 2.0× (SASRec) and 2.3× (GRU4Rec) ERM's on Online Retail, 2.3× and 3.4× on the
 * synthetic world; with every window of a user ({@link TrainConfig#allTargets()}), where ERM iterates windows and TP
 * users, 0.84× and 0.91× on Online Retail, 1.44× and 1.57× on the synthetic world (notebook {@code 05_tp}, section 8;
 * the notebook prints its own figures).
 */
public final class TpTrainer extends LoopTrainer {

    private final TpConfig config;
    private Discriminator discriminator;
    private HeadTailLabels labels;
    private Optimizer discriminatorOptimizer;
    private SequenceModel model;
    private TrainingBatches userWindows;
    private final TreeMap<Integer, double[]> stats = new TreeMap<>();
    private static final String OPTIMIZER_PREFIX = "tp_optimizer/";

    /** TP with the given settings. */
    public TpTrainer(TpConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** TP with {@link TpConfig#defaults()}. */
    public TpTrainer() {
        this(TpConfig.defaults());
    }

    /** The settings. */
    public TpConfig config() {
        return config;
    }

    @Override
    public String name() {
        return "tp";
    }

    /**
     * The discriminator during one epoch of the last {@link #fit}: mean BCE and accuracy on the inner steps' users
     * (seen before the inner update, so they are training-set figures).
     *
     * @param epoch            epoch
     * @param bce              mean BCE over the inner steps
     * @param accuracy         share of users whose head/tail label the discriminator got right (logit > 0 = head)
     * @param balancedAccuracy mean of the accuracies on head and on tail users (0.5 = chance, whatever the share)
     */
    public record DiscriminatorRecord(int epoch, double bce, double accuracy, double balancedAccuracy) {
    }

    /** The discriminator's per-epoch figures of the last (or current) run. */
    public List<DiscriminatorRecord> discriminatorHistory() {
        List<DiscriminatorRecord> out = new ArrayList<>();
        stats.forEach((epoch, s) -> out.add(new DiscriminatorRecord(epoch, s[0] / Math.max(1, s[1]),
                (s[2] + s[4]) / Math.max(1, s[3] + s[5]),
                0.5 * (s[3] > 0 ? s[2] / s[3] : 1) + 0.5 * (s[5] > 0 ? s[4] / s[5] : 1))));
        return out;
    }

    /**
     * @throws IllegalArgumentException if the run's batch is smaller than one outer iteration's k · u users (an
     *                                  outer iteration takes its users from one batch)
     */
    @Override
    protected void prepare(Context ctx) {
        long group = config.usersPerOuterStep();
        if (ctx.config().batchSize() < group) {
            String product = config.chains() == 1
                    ? "innerSteps × usersPerStep = " + config.innerSteps() + " × " + config.usersPerStep()
                    : "chains × innerSteps × usersPerStep = " + config.chains() + " × " + config.innerSteps() + " × "
                    + config.usersPerStep();
            throw new IllegalArgumentException("batchSize=" + ctx.config().batchSize() + " is smaller than one TP outer "
                    + "iteration, " + product + " = " + group + " users (an outer iteration takes its users from one "
                    + "batch): use a batch of at least " + group + " users, a multiple of it to keep every outer "
                    + "iteration whole");
        }
        model = ctx.model();
        TrainConfig run = ctx.config();
        userWindows = iteratesUsers(run.targetMode(), run.allTargets())
                ? TrainingBatches.of(ctx.data(), new BatchConfig(model.config().maxLength(), run.batchSize(),
                run.targetMode(), true, run.seed()))
                : null;
        discriminator = Discriminator.attach(model, config.discriminatorHidden(), ctx.config().seed() * 31L + 17L);
        labels = HeadTailLabels.of(ctx.data(), config.headShare());
        discriminatorOptimizer = new Optimizer(ctx.config().optimizer(), ctx.config().learningRate(), 0.0,
                discriminator.parameters(model));
        stats.clear();
    }

    /**
     * With every target trained on ({@link TrainConfig#allTargets()}) at all positions, a user has several windows;
     * a task is users, so the loop iterates users (one row each) and {@link #outerIteration} reads their windows.
     */
    @Override
    protected BatchConfig loopBatching(BatchConfig configured) {
        return iteratesUsers(configured.mode(), configured.allTargets())
                ? new BatchConfig(configured.maxLength(), configured.batchSize(), configured.mode(), false, configured.seed())
                : configured;
    }

    private static boolean iteratesUsers(TargetMode mode, boolean allTargets) {
        return allTargets && mode == TargetMode.ALL_POSITIONS;
    }

    /**
     * One batch of the loop: its users (already shuffled) are taken M · k · u at a time, and each such group makes one
     * outer iteration of M chains of k inner steps.
     */
    @Override
    protected double step(Context ctx, Batch batch) {
        int b = batch.size();
        long group = config.usersPerOuterStep();
        double lossSum = 0;
        int innerStepsTaken = 0;
        for (int from = 0, outer = 0; from < b; outer++) {
            int to = (int) Math.min(b, from + group);
            double[] losses = outerIteration(ctx, batch, from, to, outer);
            for (double l : losses) {
                lossSum += l;
            }
            innerStepsTaken += losses.length;
            // the inner gradients are spent (applied, or copied into the outer step): free the run's arrays
            model.releaseWorkingMemory();
            from = to;
        }
        return lossSum / innerStepsTaken;
    }

    /**
     * One Reptile iteration over the batch rows [from, to): they are dealt into M consecutive chains of about k · u
     * users (fewer chains if the group is short, as at the end of an epoch), each chain's users into k consecutive
     * slices, one per inner step (a chain of fewer than k users takes one step per user); the chains' displacements are
     * averaged, then θ and θ_d take their outer steps.
     *
     * @return the inner steps' data losses L(D_i)
     */
    private double[] outerIteration(Context ctx, Batch batch, int from, int to, int outer) {
        Map<String, INDArray> theta = model.parameters();
        Map<String, INDArray> thetaD = discriminator.parameters(model);
        Map<String, INDArray> all = new LinkedHashMap<>(theta);
        all.putAll(thetaD);
        List<String> names = new ArrayList<>(all.keySet());
        int n = to - from;
        long perChain = (long) config.innerSteps() * config.usersPerStep();
        int chains = (int) Math.min(config.chains(), (n + perChain - 1) / perChain);
        int[] chainStart = new int[chains + 1];
        for (int c = 0; c <= chains; c++) {
            chainStart[c] = from + (int) ((long) c * n / chains);
        }
        IntUnaryOperator stepsOfChain = c -> Math.min(config.innerSteps(), chainStart[c + 1] - chainStart[c]);
        // the iteration's tasks, built before any step so that their numbers of targets are known up front
        Batch[][] tasks = new Batch[chains][];
        long[][] dropoutSeeds = new long[chains][];
        long iterationTargets = 0;
        int taskCount = 0;
        for (int c = 0; c < chains; c++) {
            int users = chainStart[c + 1] - chainStart[c];
            int k = stepsOfChain.applyAsInt(c);
            tasks[c] = new Batch[k];
            dropoutSeeds[c] = new long[k];
            for (int i = 0; i < k; i++) {
                int lo = chainStart[c] + (int) ((long) i * users / k);
                int hi = chainStart[c] + (int) ((long) (i + 1) * users / k);
                // a seed per inner step of the batch, so that no two tasks share dropout masks
                dropoutSeeds[c][i] = ctx.dropoutSeed()
                        + 1_000_003L * (((long) outer * config.chains() + c) * config.innerSteps() + i);
                tasks[c][i] = userWindows == null ? slice(batch, lo, hi)
                        : userWindows.samplesOfUsers(Arrays.copyOfRange(batch.userIndex(), lo, hi), dropoutSeeds[c][i]);
                iterationTargets += targets(tasks[c][i]);
                taskCount++;
            }
        }
        double meanTargetsPerTask = (double) iterationTargets / taskCount;
        List<Double> losses = new ArrayList<>();
        double[] s = stats.computeIfAbsent(ctx.epoch(), e -> new double[6]);
        Map<String, INDArray> delta = Reptile.meanDisplacement(all, chains, stepsOfChain, config.innerRate(), (c, i) -> {
            Batch task = tasks[c][i];
            long dropoutSeed = dropoutSeeds[c][i];
            // weightTasksByTargets: L(D_i) = Σ ℓ / (mean targets per task), so every target of the iteration counts
            // the same, as in one ERM batch; the reported loss stays the task's mean
            double scale = config.weightTasksByTargets() ? targets(task) / meanTargetsPerTask : 1.0;
            float[] r = new float[task.size()];
            for (int j = 0; j < r.length; j++) {
                r[j] = labels.label(task.userIndex()[j]);
            }
            float[][] weights = config.equalUserWeights() ? equalUserWeights(task)
                    : config.weightTasksByTargets() ? uniformWeights(task, (float) scale) : null;
            Map<String, INDArray> feed = model.feed(task.input(), task.positive(), task.negative(), weights, true,
                    dropoutSeed);
            Discriminator.addTo(feed, r, config.adversarialWeight());
            var out = model.gradientsAndOutputs(feed,
                    List.of(SequenceModel.LOSS, Discriminator.BCE, Discriminator.LOGIT), names);
            losses.add(out.getOutputs().get(SequenceModel.LOSS).getDouble(0) / scale);
            s[0] += out.getOutputs().get(Discriminator.BCE).getDouble(0);
            s[1] += 1;
            INDArray logit = out.getOutputs().get(Discriminator.LOGIT);
            for (int j = 0; j < r.length; j++) {
                boolean predictedHead = logit.getDouble(j) > 0;
                if (r[j] > 0.5f) {
                    s[2] += predictedHead ? 1 : 0;
                    s[3] += 1;
                } else {
                    s[4] += predictedHead ? 0 : 1;
                    s[5] += 1;
                }
            }
            return out.getGradients();
        });
        Map<String, INDArray> deltaD = new LinkedHashMap<>();
        for (String name : discriminator.parameterNames()) {
            deltaD.put(name, delta.remove(name));
        }
        ctx.apply(delta);
        discriminatorOptimizer.step(thetaD, deltaD, ctx.epoch());
        return losses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static Batch slice(Batch b, int from, int to) {
        return new Batch(Arrays.copyOfRange(b.input(), from, to), Arrays.copyOfRange(b.positive(), from, to),
                Arrays.copyOfRange(b.negative(), from, to), Arrays.copyOfRange(b.lastTarget(), from, to),
                Arrays.copyOfRange(b.userIndex(), from, to));
    }

    /** Number of targets (non-padding positives) of one row. */
    private static int targetsOfRow(int[] positive) {
        int t = 0;
        for (int p : positive) {
            t += p != 0 ? 1 : 0;
        }
        return t;
    }

    /** Number of targets of a task. */
    private static long targets(Batch task) {
        long t = 0;
        for (int[] row : task.positive()) {
            t += targetsOfRow(row);
        }
        return t;
    }

    /** The same weight at every position of a task. */
    private static float[][] uniformWeights(Batch task, float w) {
        float[][] out = new float[task.size()][task.positive()[0].length];
        for (float[] row : out) {
            Arrays.fill(row, w);
        }
        return out;
    }

    /**
     * Per-position weights under which the model's loss, Σ w·ℓ / (number of targets), is the mean over the task's users
     * of each user's mean loss: a target of user v weighs (targets in the task) / (users in the task · targets of v).
     */
    static float[][] equalUserWeights(Batch task) {
        Map<Integer, Integer> targetsOfUser = new HashMap<>();
        int total = 0;
        for (int j = 0; j < task.size(); j++) {
            int t = targetsOfRow(task.positive()[j]);
            targetsOfUser.merge(task.userIndex()[j], t, Integer::sum);
            total += t;
        }
        int users = (int) targetsOfUser.values().stream().filter(t -> t > 0).count();
        float[][] w = new float[task.size()][task.positive()[0].length];
        for (int j = 0; j < task.size(); j++) {
            int t = targetsOfUser.get(task.userIndex()[j]);
            if (t > 0) {
                Arrays.fill(w[j], (float) total / ((float) users * t));
            }
        }
        return w;
    }

    /** θ_d and its optimizer's state (the discriminator is not part of the model's parameters). */
    @Override
    protected Map<String, INDArray> trainerState() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        discriminator.parameters(model).forEach((n, a) -> m.put(n, a.dup()));
        discriminatorOptimizer.copyState().forEach((n, a) -> m.put(OPTIMIZER_PREFIX + n, a));
        return m;
    }

    @Override
    protected void restoreTrainerState(Map<String, INDArray> state) {
        Map<String, INDArray> optimizerState = new LinkedHashMap<>();
        state.forEach((n, a) -> {
            if (n.startsWith(OPTIMIZER_PREFIX)) {
                optimizerState.put(n.substring(OPTIMIZER_PREFIX.length()), a);
            }
        });
        discriminator.parameters(model).forEach((n, a) -> {
            INDArray saved = state.get(n);
            if (saved == null) {
                throw new IllegalArgumentException("checkpoint lacks discriminator parameter " + n);
            }
            a.assign(saved);
        });
        discriminatorOptimizer.restoreState(optimizerState);
    }

    @Override
    protected Map<String, String> trainerSettings() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("tp", config.toString());
        return m;
    }
}
