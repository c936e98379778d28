package io.robustrec.eval;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which test cases of a run a comparison looks at. Head and tail split the existing users' test cases by history
 * length ({@link UserGroups#headTail(int[])}: the most active 20% are head); new users are the held-out users of an
 * existing/new split, never trained on.
 */
public enum Population {
    /** Every test case of the existing (trained-on) users. */
    ALL,
    /** Existing users with the longest histories (about 20%). */
    HEAD,
    /** The other existing users. */
    TAIL,
    /** Users held out of training ({@code train --split existing-new}). */
    NEW;

    /**
     * Parses "all", "head", "tail" or "new", ignoring case.
     *
     * @throws IllegalArgumentException naming the valid values
     */
    public static Population parse(String s) {
        for (Population p : values()) {
            if (p.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
                return p;
            }
        }
        throw new IllegalArgumentException("population '" + s + "' is not one of "
                + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }

    /** Lower-case name, as in reports. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
