package io.robustrec.robust.rsr;

import org.junit.jupiter.api.Test;
import org.tribuo.clustering.kmeans.KMeansTrainer;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KMeansClustersTest {

    /** Three tight groups of 10 points around (0,0), (10,0) and (0,10). */
    private static float[][] threeGroups() {
        float[][] p = new float[30][];
        float[][] centre = {{0, 0}, {10, 0}, {0, 10}};
        for (int i = 0; i < 30; i++) {
            float[] c = centre[i / 10];
            p[i] = new float[]{c[0] + 0.01f * (i % 10), c[1] - 0.01f * (i % 10)};
        }
        return p;
    }

    @Test
    void separatedGroupsGetOneClusterEach() {
        int[] a = KMeansClusters.assign(threeGroups(), 3, 20, 7);
        for (int g = 0; g < 3; g++) {
            for (int i = 1; i < 10; i++) {
                assertEquals(a[10 * g], a[10 * g + i], "point " + (10 * g + i) + " left its group");
            }
        }
        assertNotEquals(a[0], a[10]);
        assertNotEquals(a[0], a[20]);
        assertNotEquals(a[10], a[20]);
    }

    @Test
    void iterationsAreNotLoggedBelowWarning() {
        List<LogRecord> records = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger log = Logger.getLogger(KMeansTrainer.class.getName());
        log.addHandler(capture);
        try {
            KMeansClusters.assign(threeGroups(), 3, 20, 7);
        } finally {
            log.removeHandler(capture);
        }
        assertTrue(records.stream().allMatch(r -> r.getLevel().intValue() >= Level.WARNING.intValue()),
                records.size() + " records, first: " + (records.isEmpty() ? "" : records.get(0).getMessage()));
    }

    @Test
    void moreClustersThanPointsIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KMeansClusters.assign(new float[][]{{1, 2}}, 2, 5, 1));
        assertTrue(e.getMessage().contains("clusters=2"), e.getMessage());
    }
}
