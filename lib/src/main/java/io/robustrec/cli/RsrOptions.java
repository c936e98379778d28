package io.robustrec.cli;

import io.robustrec.robust.rsr.ClusterMode;
import io.robustrec.robust.rsr.RsrConfig;
import io.robustrec.robust.rsr.RsrHardTrainer;
import io.robustrec.robust.rsr.RsrSoftTrainer;
import io.robustrec.robust.rsr.RsrTrainer;
import io.robustrec.robust.rsr.WeightStep;
import picocli.CommandLine.Option;

import java.util.Locale;

/** Options of the RSR trainers; unset options keep {@link RsrConfig}'s defaults. */
final class RsrOptions {

    @Option(names = "--clusters", description = "K, number of clusters (default 8)")
    Integer clusters;
    @Option(names = "--lr-weights", description = "lr_w, ascent step of the cluster weights (default 0.01)")
    Double lrWeights;
    @Option(names = "--lr-centres", description = "lr_f, Adam step of the soft centres (default 0.001)")
    Double lrCentres;
    @Option(names = "--temperature", description = "tau of the soft assignments (default 0.1)")
    Double temperature;
    @Option(names = "--cluster-loss-weight", description = "lambda, weight of the soft clustering loss (default 0.01)")
    Double clusterLossWeight;
    @Option(names = "--refresh-every", description = "R, k-means refresh period in epochs (default 1)")
    Integer refreshEvery;
    @Option(names = "--weight-step", description = "exponentiated or euclidean (default exponentiated)")
    String weightStep;
    @Option(names = "--adversarial-centres", description = "soft centres also ascend the weighted loss")
    boolean adversarialCentres;

    /** The trainer named {@code rsr-hard} or {@code rsr-soft} with these options. */
    RsrTrainer create(String name) {
        ClusterMode mode = ClusterMode.parse(name.toLowerCase(Locale.ROOT).replace("rsr-", ""));
        RsrConfig c = RsrConfig.defaults(mode);
        if (clusters != null) c = c.withClusters(clusters);
        if (lrWeights != null) c = c.withLrWeights(lrWeights);
        if (lrCentres != null) c = c.withLrCentres(lrCentres);
        if (temperature != null) c = c.withTemperature(temperature);
        if (clusterLossWeight != null) c = c.withClusterLossWeight(clusterLossWeight);
        if (refreshEvery != null) c = c.withRefreshEvery(refreshEvery);
        if (weightStep != null) c = c.withStep(WeightStep.parse(weightStep));
        c = c.withCentresAdversarial(adversarialCentres);
        return mode == ClusterMode.HARD ? new RsrHardTrainer(c) : new RsrSoftTrainer(c);
    }
}
