package io.robustrec.cli;

import io.robustrec.data.PreparedData;
import io.robustrec.data.SequenceDataset;
import io.robustrec.data.SequenceFiles;
import io.robustrec.data.Splits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code robustrec prep}: load and prepare a dataset, print what each step removed, optionally save it. */
@Command(name = "prep", mixinStandardHelpOptions = true, description = "Prepare a dataset and report every step.")
final class PrepCommand implements Callable<Integer> {

    @Mixin
    DataOptionsMixin dataMixin;

    @Option(names = "--seed", defaultValue = "42", description = "seed of the synthetic world (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "save the prepared sequences here, one line per user: 'user item item ...' (raw ids)")
    Path out;

    @Override
    public Integer call() {
        PreparedData p = dataMixin.options.load(seed);
        System.out.println(p.report().toTable().printAll());
        SequenceDataset ds = p.dataset();
        System.out.println(TrainCommand.datasetStats(ds, Splits.leaveOneOut(ds)));
        if (out != null) {
            SequenceFiles.write(ds, out);
            System.out.println("saved " + ds.numUsers() + " sequences to " + out + " (read back with --format seq)");
        }
        return 0;
    }
}
