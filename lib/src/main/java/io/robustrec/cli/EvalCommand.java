package io.robustrec.cli;

import io.robustrec.data.SplitData;
import io.robustrec.data.Splits;
import io.robustrec.eval.EvalConfig;
import io.robustrec.eval.EvalResult;
import io.robustrec.eval.Evaluator;
import io.robustrec.model.Backbones;
import io.robustrec.model.LossKind;
import io.robustrec.model.Recommender;
import io.robustrec.model.SequenceModel;
import io.robustrec.model.baseline.ItemTransition;
import io.robustrec.model.baseline.MostPopular;
import io.robustrec.train.Checkpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code robustrec eval}: test a baseline, or the best parameters stored in a training checkpoint, under a protocol.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Evaluate a baseline or a checkpoint on the test items.")
final class EvalCommand implements Callable<Integer> {

    @Mixin
    DataOptionsMixin dataMixin;
    @Mixin
    ModelOptionsMixin modelMixin;

    @Option(names = "--checkpoint", description = "checkpoint directory of a trained backbone (its shape options must match)")
    Path checkpoint;
    @Option(names = "--loss", defaultValue = "bce", description = "loss the checkpoint was trained with (default ${DEFAULT-VALUE})")
    String loss;
    @Option(names = "--protocol", defaultValue = "full", description = "full or sampled100 (default ${DEFAULT-VALUE})")
    String protocol;
    @Option(names = "--seed", defaultValue = "42", description = "seed of the sampled negatives and the synthetic world (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() {
        ModelOptions m = modelMixin.options;
        m.applyThreads();
        SplitData split = Splits.leaveOneOut(dataMixin.options.load(seed).dataset());
        Recommender model;
        if (m.isBaseline()) {
            model = m.model.equalsIgnoreCase("pop") ? MostPopular.fit(split.train(), split.numItems())
                    : ItemTransition.fit(split.train(), split.numItems());
        } else {
            if (checkpoint == null || !Checkpoint.exists(checkpoint)) {
                throw new IllegalArgumentException("--model=" + m.model + " needs --checkpoint pointing at a folder with "
                        + Checkpoint.FILE + " (got " + checkpoint + ")");
            }
            SequenceModel sm = SequenceModel.build(Backbones.create(m.model), m.shape(), split.numItems(), LossKind.parse(loss), seed);
            sm.setParameters(Checkpoint.load(checkpoint).best());
            model = sm;
        }
        EvalResult r = new Evaluator(EvalConfig.of(TrainCommand.parseProtocol(protocol)).withSeed(seed)).evaluate(model, split.test());
        System.out.println(r.toTable().printAll());
        return 0;
    }
}
