package io.robustrec.eval;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A partition of evaluation cases into named groups: every case carries exactly one group index, so the
 * groups are disjoint and exhaustive by construction.
 *
 * @param name        what the grouping is about, for reports (for example "user activity")
 * @param groupNames  distinct, non-null group names; index g names group g
 * @param groupOfCase for each case (in case order), its group index in {@code groupNames}
 */
public record Grouping(String name, String[] groupNames, int[] groupOfCase) {

    public Grouping {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(groupNames, "groupNames");
        Objects.requireNonNull(groupOfCase, "groupOfCase");
        groupNames = groupNames.clone();
        groupOfCase = groupOfCase.clone();
        if (groupNames.length == 0) {
            throw new IllegalArgumentException("grouping '" + name + "': groupNames=[] must name at least one group");
        }
        Set<String> seen = new HashSet<>();
        for (String g : groupNames) {
            if (g == null || !seen.add(g)) {
                throw new IllegalArgumentException("grouping '" + name + "': groupNames="
                        + Arrays.toString(groupNames) + " must be distinct and non-null");
            }
        }
        for (int i = 0; i < groupOfCase.length; i++) {
            if (groupOfCase[i] < 0 || groupOfCase[i] >= groupNames.length) {
                throw new IllegalArgumentException("grouping '" + name + "': case " + i + " has group "
                        + groupOfCase[i] + " outside 0.." + (groupNames.length - 1));
            }
        }
    }

    @Override
    public String[] groupNames() {
        return groupNames.clone();
    }

    @Override
    public int[] groupOfCase() {
        return groupOfCase.clone();
    }

    /** Number of cases labelled. */
    public int size() {
        return groupOfCase.length;
    }

    /** Group name of one case. */
    public String labelOf(int caseIndex) {
        return groupNames[groupOfCase[caseIndex]];
    }

    /** Group name of every case, in case order. */
    public String[] labels() {
        String[] out = new String[groupOfCase.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = groupNames[groupOfCase[i]];
        }
        return out;
    }

    /** Number of cases in each group, indexed like {@link #groupNames()}. */
    public int[] counts() {
        int[] c = new int[groupNames.length];
        for (int g : groupOfCase) {
            c[g]++;
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Grouping g && name.equals(g.name) && Arrays.equals(groupNames, g.groupNames)
                && Arrays.equals(groupOfCase, g.groupOfCase);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(groupNames), Arrays.hashCode(groupOfCase));
    }

    @Override
    public String toString() {
        return "Grouping[" + name + ", " + Arrays.toString(groupNames) + ", counts=" + Arrays.toString(counts()) + "]";
    }
}
