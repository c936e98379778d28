package io.robustrec.cli;

import io.robustrec.eval.Population;
import io.robustrec.eval.RunComparison;
import io.robustrec.eval.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code robustrec compare}: reads the {@code train --json --per-user} reports of a folder and compares a baseline
 * trainer with candidate trainers per backbone and noise level (mean ± std over seeds, the candidate chosen on
 * validation, Wilcoxon on per-user test metrics, time per epoch).
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare the train --json --per-user reports of a folder: baseline vs the candidate chosen on validation.")
final class CompareCommand implements Callable<Integer> {

    @Option(names = "--runs", required = true, description = "folder of train --json reports (made with --per-user)")
    Path runs;
    @Option(names = "--baseline", defaultValue = "erm", description = "baseline trainer (default ${DEFAULT-VALUE})")
    String baseline;
    @Option(names = "--candidates", defaultValue = "rsr-hard,rsr-soft", split = ",",
            description = "candidate trainers; per backbone and noise the one with the best mean validation NDCG@10 is compared (default ${DEFAULT-VALUE})")
    List<String> candidates;
    @Option(names = "--metrics", defaultValue = "NDCG@10,Recall@10", split = ",",
            description = "test metrics to compare (default ${DEFAULT-VALUE})")
    List<String> metrics;
    @Option(names = "--populations", defaultValue = "all", split = ",",
            description = "test cases to compare, one table each: all, head, tail (existing users by history length), new (--split existing-new runs) (default ${DEFAULT-VALUE})")
    List<String> populations;
    @Option(names = "--models", split = ",",
            description = "backbones to compare (default: every backbone with reports in the folder)")
    List<String> models;

    @Override
    public Integer call() {
        List<Population> which = populations.stream().map(Population::parse).toList();
        List<RunReport> reports = onlyModels(RunReport.readAll(runs));
        RunComparison.Result r = null;
        for (Population p : which) {
            r = RunComparison.compare(reports, baseline, candidates, metrics, p);
            System.out.println(r.accuracy().printAll());
            System.out.println();
        }
        System.out.println(r.time().printAll());
        return 0;
    }

    /** The reports of the backbones named by --models (all of them without it). */
    private List<RunReport> onlyModels(List<RunReport> reports) {
        if (models == null || models.isEmpty()) {
            return reports;
        }
        Set<String> found = reports.stream().map(RunReport::model).collect(Collectors.toCollection(TreeSet::new));
        for (String m : models) {
            if (!found.contains(m)) {
                throw new IllegalArgumentException("--models names '" + m + "', which has no report in " + runs
                        + " (backbones there: " + found + ")");
            }
        }
        return reports.stream().filter(r -> models.contains(r.model())).toList();
    }
}
