package io.robustrec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code robustrec} command: the library's pipeline from a shell.
 * <pre>
 *   robustrec prep  --data onlineretail
 *   robustrec train --data onlineretail --model sasrec --trainer erm --epochs 50 --json out.json
 *   robustrec eval  --data onlineretail --model pop
 *   robustrec bench --model sasrec --users 6000 --items 3400 --max-len 200
 *   robustrec compare --runs build/runs --baseline erm --candidates rsr-hard,rsr-soft
 *   robustrec bench-trainers --data onlineretail --model sasrec --trainers erm,rsr-hard,rsr-soft,tp
 * </pre>
 */
@Command(name = "robustrec", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Robust sequential recommendation: prepare data, train backbones with ERM or robust trainers, evaluate, benchmark.",
        subcommands = {PrepCommand.class, TrainCommand.class, EvalCommand.class, BenchCommand.class,
                BenchTrainersCommand.class, CompareCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("robustrec: " + ex.getMessage());
            return 2;
        });
        return cl.execute(args);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"robustrec " + io.robustrec.runtime.RuntimeInfo.version()};
        }
    }
}
