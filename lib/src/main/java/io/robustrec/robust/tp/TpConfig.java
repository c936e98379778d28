package io.robustrec.robust.tp;

/**
 * Settings of {@link TpTrainer} (the outer step's optimizer and rate β are the run's
 * {@link io.robustrec.train.TrainConfig#optimizer()} and {@link io.robustrec.train.TrainConfig#learningRate()}).
 *
 * @param innerSteps          k, inner SGD steps per outer iteration, >= 1 (k = 1 is joint training; the paper uses 2)
 * @param usersPerStep        u, users whose windows form one inner step's task, >= 1 (the paper: 1). One outer iteration
 *                            takes k · u users, so a batch of B users makes ⌈B / (k · u)⌉ outer steps
 * @param innerRate           α, the inner SGD step size, > 0 and finite
 * @param adversarialWeight   λ, weight of the discriminator-fooling term in the backbone's inner objective, >= 0
 *                            (the paper searches {0, 0.01, 0.1, 1, 10})
 * @param discriminatorHidden hidden units of the discriminator MLP, >= 1
 * @param headShare           share of training users labelled head (R = 1) by number of interactions, in (0, 1)
 * @param equalUserWeights    whether a task's loss L(D_i) is the mean over its users of each user's mean loss (every
 *                            user of the task counts the same, as when each user is a task of its own: the paper's
 *                            u = 1) rather than the mean over all of the task's targets (a user counts by its number of
 *                            targets, as in ERM). The two agree when u = 1
 * @param weightTasksByTargets whether a task's loss is the sum of its targets' losses over the mean number of targets
 *                            per task of its outer iteration, so that every target of the iteration counts the same
 *                            (as in one ERM batch) whatever task it falls in, rather than each task counting the same.
 *                            With one-user tasks this undoes the equal weighting of users. Excludes equalUserWeights
 * @param chains              M, independent inner loops (chains of k tasks), each started from the same Θ, whose
 *                            displacements are averaged into one outer step (Reptile's batched form), >= 1; 1 is the
 *                            paper's algorithm. One outer iteration takes M · k · u users
 */
public record TpConfig(int innerSteps, int usersPerStep, double innerRate, double adversarialWeight, int discriminatorHidden,
                       double headShare, boolean equalUserWeights, boolean weightTasksByTargets, int chains) {
    public TpConfig {
        if (innerSteps < 1) {
            throw new IllegalArgumentException("innerSteps=" + innerSteps + " must be >= 1");
        }
        if (usersPerStep < 1) {
            throw new IllegalArgumentException("usersPerStep=" + usersPerStep + " must be >= 1");
        }
        if (!(innerRate > 0) || Double.isInfinite(innerRate)) {
            throw new IllegalArgumentException("innerRate=" + innerRate + " must be a finite number > 0");
        }
        if (!(adversarialWeight >= 0) || Double.isInfinite(adversarialWeight)) {
            throw new IllegalArgumentException("adversarialWeight=" + adversarialWeight + " must be a finite number >= 0");
        }
        if (discriminatorHidden < 1) {
            throw new IllegalArgumentException("discriminatorHidden=" + discriminatorHidden + " must be >= 1");
        }
        if (!(headShare > 0 && headShare < 1)) {
            throw new IllegalArgumentException("headShare=" + headShare + " must be in (0, 1)");
        }
        if (equalUserWeights && weightTasksByTargets) {
            throw new IllegalArgumentException("equalUserWeights and weightTasksByTargets are both on: choose one way to "
                    + "weight a task's users");
        }
        if (chains < 1) {
            throw new IllegalArgumentException("chains=" + chains + " must be >= 1");
        }
    }

    /**
     * The paper's k = 2, α = 0.5, λ = 0.1, a 32-unit discriminator and 20% head users; 4 users per inner step (the
     * paper takes 1: see {@link TpTrainer} for the cost and how 4 was chosen), whose loss is the mean over their
     * targets; one chain per outer step.
     */
    public static TpConfig defaults() {
        return new TpConfig(2, 4, 0.5, 0.1, 32, 0.2, false, false, 1);
    }

    public TpConfig withInnerSteps(int k) {
        return new TpConfig(k, usersPerStep, innerRate, adversarialWeight, discriminatorHidden, headShare, equalUserWeights,
                weightTasksByTargets, chains);
    }

    public TpConfig withUsersPerStep(int u) {
        return new TpConfig(innerSteps, u, innerRate, adversarialWeight, discriminatorHidden, headShare, equalUserWeights,
                weightTasksByTargets, chains);
    }

    public TpConfig withInnerRate(double a) {
        return new TpConfig(innerSteps, usersPerStep, a, adversarialWeight, discriminatorHidden, headShare, equalUserWeights,
                weightTasksByTargets, chains);
    }

    public TpConfig withAdversarialWeight(double l) {
        return new TpConfig(innerSteps, usersPerStep, innerRate, l, discriminatorHidden, headShare, equalUserWeights,
                weightTasksByTargets, chains);
    }

    public TpConfig withDiscriminatorHidden(int h) {
        return new TpConfig(innerSteps, usersPerStep, innerRate, adversarialWeight, h, headShare, equalUserWeights,
                weightTasksByTargets, chains);
    }

    public TpConfig withHeadShare(double s) {
        return new TpConfig(innerSteps, usersPerStep, innerRate, adversarialWeight, discriminatorHidden, s, equalUserWeights,
                weightTasksByTargets, chains);
    }

    public TpConfig withEqualUserWeights(boolean equal) {
        return new TpConfig(innerSteps, usersPerStep, innerRate, adversarialWeight, discriminatorHidden, headShare, equal,
                weightTasksByTargets, chains);
    }

    /** The same settings with tasks weighted by their numbers of targets (or not). */
    public TpConfig withWeightTasksByTargets(boolean byTargets) {
        return new TpConfig(innerSteps, usersPerStep, innerRate, adversarialWeight, discriminatorHidden, headShare,
                equalUserWeights, byTargets, chains);
    }

    /** The same settings with M chains averaged per outer step. */
    public TpConfig withChains(int m) {
        return new TpConfig(innerSteps, usersPerStep, innerRate, adversarialWeight, discriminatorHidden, headShare, equalUserWeights,
                weightTasksByTargets, m);
    }

    /** Users one outer iteration takes from a batch: M · k · u. */
    public long usersPerOuterStep() {
        return (long) chains * innerSteps * usersPerStep;
    }
}
