package io.robustrec.robust.rsr;

/**
 * What the adversary saw in one epoch.
 *
 * @param epoch       the epoch
 * @param weights     the cluster weights w at the end of the epoch (on the simplex)
 * @param clusterLoss mean loss of each cluster's training samples over the epoch's batches (NaN if never seen)
 * @param clusterMass share of the epoch's training samples in each cluster (soft: summed assignments)
 */
public record RsrEpoch(int epoch, double[] weights, double[] clusterLoss, double[] clusterMass) {
    public RsrEpoch {
        weights = weights.clone();
        clusterLoss = clusterLoss.clone();
        clusterMass = clusterMass.clone();
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public double[] clusterLoss() {
        return clusterLoss.clone();
    }

    @Override
    public double[] clusterMass() {
        return clusterMass.clone();
    }
}
