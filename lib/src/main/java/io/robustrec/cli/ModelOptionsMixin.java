package io.robustrec.cli;

import picocli.CommandLine.ArgGroup;

/** Wraps {@link ModelOptions} so several commands can mix them in. */
final class ModelOptionsMixin {
    @ArgGroup(exclusive = false, heading = "Model%n")
    ModelOptions options = new ModelOptions();
}
