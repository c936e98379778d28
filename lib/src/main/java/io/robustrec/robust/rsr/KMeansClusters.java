package io.robustrec.robust.rsr;

import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Hard cluster assignments of representation vectors with Tribuo's k-means (k-means++ start, Euclidean distance). */
public final class KMeansClusters {

    /**
     * Tribuo's k-means logs every Lloyd iteration at INFO (20 lines per refresh, every epoch); only its warnings are
     * kept. Held in a field because java.util.logging keeps loggers weakly and would forget the level.
     */
    private static final Logger TRIBUO_KMEANS_LOG = Logger.getLogger(KMeansTrainer.class.getName());

    static {
        TRIBUO_KMEANS_LOG.setLevel(Level.WARNING);
    }

    private KMeansClusters() {
    }

    /**
     * Clusters the rows of {@code points}.
     *
     * @param points     [n][d] representations, n ≥ k
     * @param k          number of clusters
     * @param iterations Lloyd iterations
     * @param seed       seed of the k-means++ start
     * @return the cluster of each row, in 0..k-1
     */
    public static int[] assign(float[][] points, int k, int iterations, long seed) {
        if (k < 1 || points.length < k) {
            throw new IllegalArgumentException("clusters=" + k + " must be in [1, number of points = " + points.length + "]");
        }
        if (k == 1) {
            return new int[points.length];
        }
        int d = points[0].length;
        String[] names = new String[d];
        for (int j = 0; j < d; j++) {
            names[j] = String.format("f%05d", j);
        }
        ClusteringFactory factory = new ClusteringFactory();
        List<Example<ClusterID>> examples = new ArrayList<>(points.length);
        for (float[] p : points) {
            double[] v = new double[d];
            for (int j = 0; j < d; j++) {
                // Tribuo drops features that are exactly 0 from sparse views; a tiny offset keeps every dimension.
                v[j] = p[j] == 0f ? 1e-12 : p[j];
            }
            examples.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, v));
        }
        MutableDataset<ClusterID> data = new MutableDataset<>(examples, new SimpleDataSourceProvenance("rsr-representations", factory), factory);
        KMeansTrainer trainer = new KMeansTrainer(k, iterations, new L2Distance(), KMeansTrainer.Initialisation.PLUSPLUS, 1, seed);
        KMeansModel model = trainer.train(data);
        int[] out = new int[points.length];
        for (int i = 0; i < examples.size(); i++) {
            out[i] = model.predict(examples.get(i)).getOutput().getID();
        }
        return out;
    }
}
