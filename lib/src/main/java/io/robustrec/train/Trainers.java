package io.robustrec.train;

import java.util.List;
import java.util.Locale;

/** Creates trainers by name. */
public final class Trainers {

    /** Names {@link #create(String)} understands. */
    public static final List<String> NAMES = List.of("erm", "tp", "rsr-hard", "rsr-soft");

    private Trainers() {
    }

    /** A trainer with default settings. */
    public static Trainer create(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "erm": return new ErmTrainer();
            case "tp": return new io.robustrec.robust.tp.TpTrainer();
            case "rsr-hard": return new io.robustrec.robust.rsr.RsrHardTrainer();
            case "rsr-soft": return new io.robustrec.robust.rsr.RsrSoftTrainer();
            default: throw new IllegalArgumentException("trainer=" + name + " is not one of " + NAMES);
        }
    }
}
