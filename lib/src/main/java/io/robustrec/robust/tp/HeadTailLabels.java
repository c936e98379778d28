package io.robustrec.robust.tp;

import io.robustrec.data.SplitData;
import io.robustrec.eval.Grouping;
import io.robustrec.eval.UserGroups;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The discriminator's labels: R = 1 for head users (the most active {@code headShare} of the training users by
 * number of training interactions), R = 0 for the tail.
 *
 * <p>Ties follow {@link UserGroups#headTail(int[], double)}: every user whose count equals the count of the user at
 * rank ceil(headShare · n) is head, so equally active users always share a label and the head may exceed the share
 * (exactly the rule the evaluation's head/tail grouping uses).
 */
public final class HeadTailLabels {

    private final Map<Integer, Boolean> head = new HashMap<>();
    private final int headCount;

    /**
     * @param users       dataset user index of each training sequence
     * @param lengths     number of training interactions of each, same order
     * @param headShare   target share of head users, in (0, 1)
     */
    public HeadTailLabels(List<Integer> users, int[] lengths, double headShare) {
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(lengths, "lengths");
        if (users.size() != lengths.length) {
            throw new IllegalArgumentException("users.size()=" + users.size() + " but lengths.length=" + lengths.length);
        }
        Grouping g = UserGroups.headTail(lengths, headShare);
        int count = 0;
        for (int i = 0; i < lengths.length; i++) {
            boolean h = g.groupOfCase()[i] == UserGroups.HEAD;
            if (head.put(users.get(i), h) != null) {
                throw new IllegalArgumentException("user " + users.get(i) + " appears twice");
            }
            count += h ? 1 : 0;
        }
        this.headCount = count;
    }

    /** Labels of the training users of a split, by the length of their training sequence. */
    public static HeadTailLabels of(SplitData data, double headShare) {
        int[] lengths = data.train().stream().mapToInt(s -> s.length).toArray();
        return new HeadTailLabels(data.trainUsers(), lengths, headShare);
    }

    /** R of a user: 1 (head) or 0 (tail). */
    public float label(int user) {
        Boolean h = head.get(user);
        if (h == null) {
            throw new IllegalArgumentException("user " + user + " is not a training user");
        }
        return h ? 1f : 0f;
    }

    /** Number of head users. */
    public int headCount() {
        return headCount;
    }

    /** Number of labelled users. */
    public int size() {
        return head.size();
    }
}
