package io.robustrec.data;

import io.robustrec.eval.EvalCase;

import java.util.List;
import java.util.Objects;

/**
 * The existing/new user split: existing users are split by temporal leave-one-out and trained on; new users are
 * never trained on and only evaluated.
 *
 * @param existing          leave-one-out split of the existing users (plus users too short to split, in training)
 * @param newUsers          dataset user indices of the new users
 * @param newUserValidation per new user: predict the second-to-last item from the items before it
 * @param newUserTest       per new user: predict the last item from all items before it
 */
public record UserSplit(SplitData existing, List<Integer> newUsers, List<EvalCase> newUserValidation,
                        List<EvalCase> newUserTest) {
    public UserSplit {
        Objects.requireNonNull(existing, "existing");
        newUsers = List.copyOf(newUsers);
        newUserValidation = List.copyOf(newUserValidation);
        newUserTest = List.copyOf(newUserTest);
    }
}
