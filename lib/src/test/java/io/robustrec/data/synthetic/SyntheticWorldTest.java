package io.robustrec.data.synthetic;

import io.robustrec.data.Interaction;
import io.robustrec.data.SequenceDataset;
import io.robustrec.data.UserSequence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticWorldTest {

    private static WorldConfig defaults;
    private static SyntheticWorld world;
    private static WorldStats stats;

    @BeforeAll
    static void generateDefaultWorld() {
        defaults = WorldConfig.defaults();
        world = SyntheticWorld.generate(defaults);
        stats = WorldStats.of(world);
    }

    private static WorldConfig small(long seed) {
        return WorldConfig.defaults().toBuilder().seed(seed).numUsers(200).numItems(300).numCategories(5)
                .maxLength(100).build();
    }

    @Test
    void sameSeedGivesIdenticalWorldAndOtherSeedDoesNot() {
        SyntheticWorld a = SyntheticWorld.generate(small(7));
        SyntheticWorld b = SyntheticWorld.generate(small(7));
        SyntheticWorld c = SyntheticWorld.generate(small(8));
        assertEquals(a.log(), b.log());
        assertEquals(a.truth(), b.truth());
        assertNotEquals(a.log().interactions(), c.log().interactions());
        assertNotEquals(a.truth(), c.truth());
    }

    @Test
    void defaultWorldHasConfiguredSize() {
        assertEquals(3000, stats.users());
        assertEquals(1000, stats.items());
        assertEquals(3000, stats.testEvents(), "one test-period event per user by default");
        // The log-normal activity has mean meanLength before the cap at maxLength; the cap only trims the far tail.
        assertEquals(defaults.meanLength(), stats.meanLength(), 2.0);
        assertEquals(world.log().size(), stats.events());
    }

    @Test
    void activityIsLongTailed() {
        assertTrue(stats.top20UserShare() > 0.4, "top 20% users hold " + stats.top20UserShare());
        assertTrue(stats.medianLength() < stats.meanLength(), "median " + stats.medianLength() + " mean " + stats.meanLength());
        for (UserTruth u : world.truth().users()) {
            assertTrue(u.events() >= defaults.minLength() && u.events() <= defaults.maxLength(), u.toString());
        }
    }

    @Test
    void popularitySlopeMatchesExponentAtDefaults() {
        assertEquals(defaults.popularityExponent(), stats.popularitySlope(), 0.15);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.7, 1.3})
    void popularitySlopeFollowsConfiguredExponent(double exponent) {
        WorldConfig config = defaults.toBuilder().numUsers(8000).popularityExponent(exponent).build();
        double slope = WorldStats.popularitySlope(SyntheticWorld.generate(config), 0, WorldStats.SLOPE_MIN_COUNT);
        assertEquals(exponent, slope, 0.15);
    }

    @Test
    void driftAndNoiseSharesMatchParameters() {
        assertEquals(defaults.driftShare(), stats.driftedUserShare(), 0.03);
        assertEquals(defaults.noiseRatio(), stats.noiseShare(), 0.01);
        // Drifted users' test items come from the new category with probability about driftStrength...
        assertTrue(stats.driftedTestInNewCategory() >= defaults.driftStrength() - 0.05,
                "in new category: " + stats.driftedTestInNewCategory());
        // ...a category they barely touched during training.
        WorldTruth t = world.truth();
        long trainIn = 0;
        long train = 0;
        for (UserTruth u : t.users()) {
            if (u.drifted()) {
                assertEquals(u.mainCategory(), u.fromCategory());
                assertNotEquals(u.fromCategory(), u.toCategory());
                for (int e = u.firstEvent(); e < u.firstEvent() + u.trainEvents(); e++) {
                    train++;
                    if (t.category(t.cleanItem(e)) == u.toCategory()) {
                        trainIn++;
                    }
                }
            } else {
                assertEquals(-1, u.fromCategory());
            }
        }
        assertTrue((double) trainIn / train < 0.15, "training share in the drift category " + (double) trainIn / train);
    }

    @Test
    void eventsRespectPeriodsTimeOrderNoiseAndNoRepeats() {
        WorldTruth t = world.truth();
        List<Interaction> log = world.log().interactions();
        long cut = t.cutTimestamp();
        assertEquals(defaults.startTimestamp() + defaults.trainPeriodSeconds(), cut);
        int noiseInTest = 0;
        for (UserTruth u : t.users()) {
            Set<Integer> seen = new HashSet<>();
            long prev = Long.MIN_VALUE;
            for (int e = u.firstEvent(); e < u.firstEvent() + u.events(); e++) {
                Interaction i = log.get(e);
                assertEquals(u.user(), i.user());
                assertTrue(i.timestamp() > prev, "strictly increasing time for " + u.user());
                prev = i.timestamp();
                assertTrue(Double.isNaN(i.rating()));
                assertEquals(world.rawItemId(world.itemId(e)), i.item());
                assertTrue(seen.add(world.itemId(e)), u.user() + " repeats " + i.item());
                boolean test = e >= u.firstEvent() + u.trainEvents();
                assertEquals(test ? Period.TEST : Period.TRAIN, t.period(e));
                assertEquals(test, i.timestamp() >= cut);
                assertTrue(i.timestamp() >= defaults.startTimestamp()
                        && i.timestamp() < cut + defaults.testPeriodSeconds());
                if (t.isNoise(e)) {
                    noiseInTest += test ? 1 : 0;
                    assertNotEquals(t.cleanItem(e), world.itemId(e));
                } else {
                    assertEquals(t.cleanItem(e), world.itemId(e));
                }
                if (t.source(e) == EventSource.DRIFT) {
                    assertTrue(test && u.drifted());
                    assertEquals(u.toCategory(), t.category(world.itemId(e)));
                }
            }
        }
        assertEquals(0, noiseInTest);
    }

    @Test
    void popularityDriftReshufflesTheConfiguredShareOfRanks() {
        WorldTruth t = world.truth();
        int changed = 0;
        for (int i = 0; i < t.numItems(); i++) {
            if (t.itemTrainRank()[i] != t.itemTestRank()[i]) {
                changed++;
            }
        }
        double share = (double) changed / t.numItems();
        // A random permutation of the chosen positions leaves about one fixed point per category.
        assertTrue(share <= defaults.popularityShift() + 1e-9 && share >= defaults.popularityShift() - 0.05, "changed " + share);
        WorldTruth still = SyntheticWorld.generate(small(3).toBuilder().noShift().build()).truth();
        assertArrayEquals(still.itemTrainRank(), still.itemTestRank());
        assertEquals(0, still.noiseEvents());
        assertEquals(0, still.driftedUsers());
    }

    @Test
    void categoriesPartitionTheItems() {
        WorldTruth t = world.truth();
        int[] sizes = new int[t.numCategories()];
        for (int c : t.itemCategory()) {
            sizes[c]++;
        }
        for (int k = 0; k < sizes.length; k++) {
            assertTrue(sizes[k] >= 2);
            if (k > 0) {
                assertTrue(sizes[k] <= sizes[k - 1], "category sizes non-increasing");
            }
            Set<Integer> ranks = new HashSet<>();
            for (int i = 0; i < t.numItems(); i++) {
                if (t.itemCategory()[i] == k) {
                    ranks.add(t.itemTrainRank()[i]);
                }
            }
            assertEquals(sizes[k], ranks.size(), "ranks of category " + k + " are a permutation");
        }
    }

    @Test
    void sequenceDatasetMirrorsTheLog() {
        SequenceDataset ds = world.toSequenceDataset();
        assertEquals(defaults.numUsers(), ds.numUsers());
        assertEquals(defaults.numItems(), ds.numItems());
        assertEquals(world.log().size(), ds.numInteractions());
        assertEquals("i0042", ds.rawItemId(42));
        UserSequence first = ds.users().get(0);
        assertEquals("u0001", first.rawUserId());
        UserTruth u = world.truth().users().get(0);
        assertEquals(u.events(), first.length());
        for (int j = 0; j < first.length(); j++) {
            assertEquals(world.itemId(u.firstEvent() + j), first.items()[j]);
            assertEquals(world.log().interactions().get(u.firstEvent() + j).timestamp(), first.timestamps()[j]);
        }
        for (int i = 1; i < ds.numUsers(); i++) {
            assertTrue(ds.users().get(i - 1).rawUserId().compareTo(ds.users().get(i).rawUserId()) < 0);
        }
    }

    @Test
    void csvFilesHoldLogAndTruth(@TempDir Path dir) throws IOException {
        SyntheticWorld w = SyntheticWorld.generate(small(11));
        List<String> lines = Files.readAllLines(w.writeInteractionsCsv(dir.resolve("interactions.csv")));
        assertEquals("user,item,timestamp", lines.get(0));
        assertEquals(w.log().size() + 1, lines.size());
        Interaction first = w.log().interactions().get(0);
        assertEquals(first.user() + "," + first.item() + "," + first.timestamp(), lines.get(1));

        List<Path> truth = w.writeTruthCsv(dir.resolve("truth"));
        List<String> items = Files.readAllLines(truth.get(0));
        assertEquals("item,category,train_rank,test_rank", items.get(0));
        assertEquals(w.config().numItems() + 1, items.size());
        List<String> users = Files.readAllLines(truth.get(1));
        assertEquals(w.config().numUsers() + 1, users.size());
        long driftedRows = users.stream().skip(1).filter(l -> l.split(",")[2].equals("true")).count();
        assertEquals(w.truth().driftedUsers(), driftedRows);
        List<String> events = Files.readAllLines(truth.get(2));
        assertEquals(w.log().size() + 1, events.size());
        int noiseRows = 0;
        for (int e = 1; e < events.size(); e++) {
            String[] f = events.get(e).split(",");
            assertEquals(lines.get(e), f[0] + "," + f[1] + "," + f[2], "events.csv row " + e + " matches interactions.csv");
            if (f[4].equals("NOISE")) {
                noiseRows++;
                assertNotEquals(f[1], f[5]);
                assertEquals("TRAIN", f[3]);
            } else {
                assertEquals(f[1], f[5]);
            }
        }
        assertEquals(w.truth().noiseEvents(), noiseRows);
    }

    @Test
    void fullPresetIsLargeAndValid() {
        WorldConfig full = WorldConfig.full();
        assertEquals(100_000, full.numUsers());
        assertEquals(20_000, full.numItems());
        assertEquals(50, full.numCategories());
        assertTrue(full.hasShift());
    }

    @Test
    void invalidParametersAreNamed() {
        WorldConfig.Builder b = WorldConfig.defaults().toBuilder();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.numUsers(0).build());
        assertTrue(e.getMessage().contains("numUsers=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WorldConfig.defaults().toBuilder().driftShare(1.5).build());
        assertTrue(e.getMessage().contains("driftShare=1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WorldConfig.defaults().toBuilder().minLength(2).build());
        assertTrue(e.getMessage().contains("minLength=2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WorldConfig.defaults().toBuilder().maxLength(2000).build());
        assertTrue(e.getMessage().contains("maxLength=2000"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WorldConfig.defaults().toBuilder().numCategories(1).build());
        assertTrue(e.getMessage().contains("driftShare"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> WorldConfig.defaults().toBuilder().noiseRatio(1.0).build());
        assertTrue(e.getMessage().contains("noiseRatio=1.0"), e.getMessage());
    }

    @Test
    void severalTestEventsPerUserAllFallInTheTestPeriod() {
        SyntheticWorld w = SyntheticWorld.generate(small(5).toBuilder().testEventsPerUser(2).build());
        for (UserTruth u : w.truth().users()) {
            assertEquals(2, u.testEvents());
            int last = u.firstEvent() + u.events() - 1;
            assertEquals(Period.TEST, w.truth().period(last));
            assertEquals(Period.TEST, w.truth().period(last - 1));
            assertEquals(Period.TRAIN, w.truth().period(last - 2));
        }
    }
}
