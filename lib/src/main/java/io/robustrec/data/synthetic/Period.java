package io.robustrec.data.synthetic;

/** The period an event of a {@link SyntheticWorld} belongs to. */
public enum Period {
    /** Before {@link WorldTruth#cutTimestamp()}: the training distribution (plus noise). */
    TRAIN,
    /** From {@link WorldTruth#cutTimestamp()} on: the last {@link WorldConfig#testEventsPerUser()} events of each user, under shift. */
    TEST
}
