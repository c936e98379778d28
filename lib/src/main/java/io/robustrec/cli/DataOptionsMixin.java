package io.robustrec.cli;

import picocli.CommandLine.ArgGroup;

/** Wraps {@link DataOptions} so several commands can mix them in. */
final class DataOptionsMixin {
    @ArgGroup(exclusive = false, multiplicity = "1", heading = "Data%n")
    DataOptions options;
}
