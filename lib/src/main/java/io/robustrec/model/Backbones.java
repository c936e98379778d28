package io.robustrec.model;

import java.util.List;
import java.util.Locale;

/** Creates backbones by name. */
public final class Backbones {

    /** The names {@link #create(String)} understands. */
    public static final List<String> NAMES = List.of("sasrec", "gru4rec", "caser");

    private Backbones() {
    }

    /** A backbone with its defaults: "sasrec", "gru4rec" or "caser" (case-insensitive). */
    public static Backbone create(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "sasrec": return new SASRec();
            case "gru4rec": case "gru": return new GRU4Rec();
            case "caser": return new Caser();
            default: throw new IllegalArgumentException("model=" + name + " is not one of " + NAMES);
        }
    }
}
