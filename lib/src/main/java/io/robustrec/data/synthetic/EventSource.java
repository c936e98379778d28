package io.robustrec.data.synthetic;

/** Why the generator produced an event: the ground truth of each observed item. */
public enum EventSource {
    /** A category drawn from the user's interests, an item from that category's popularity. */
    INTEREST,
    /** A successor of the user's previous (clean) item. */
    TRANSITION,
    /** A test-period pick from the category a drifted user moved to. */
    DRIFT,
    /** A training-period event replaced by a uniformly random item. */
    NOISE
}
