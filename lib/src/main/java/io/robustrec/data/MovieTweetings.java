package io.robustrec.data;

import java.nio.file.Path;

/**
 * The MovieTweetings ratings ({@code ratings.dat} or {@code ratings.dat.gz}): {@code user::movie::rating::unix_seconds},
 * ratings 0-10 taken from public tweets. Sequences are short (median 2 ratings per user), so a 5-core removes most
 * users; the usual implicit-feedback reading keeps every rating (a tweet is an interaction) or ratings {@code >= 7}.
 *
 * <p>MIT licence (keep the notice); Dooms et al., CrowdRec 2013.
 */
public final class MovieTweetings {

    private MovieTweetings() {
    }

    /** Loads the ratings file. */
    public static InteractionLog load(Path path) {
        return new MovieLensLoader().load(path);
    }

    /** Loads and prepares. */
    public static PreparedData prepare(Path path, PrepConfig config) {
        return Preparation.prepare(load(path), config);
    }
}
