package org.resnet4j.cli;

import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code resnet4j} command: the entry point of the runnable jars ({@code java -jar resnet4j.jar COMMAND ...}). It
 * holds the options every command shares and dispatches to one command class per subcommand.
 */
@Command(name = "resnet4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Build, run, compare and time ResNets on every backend on the classpath.",
        subcommands = {BackendsCommand.class, SummaryCommand.class, RunCommand.class, GradientsCommand.class,
                PredictCommand.class, ParityCommand.class, BenchCommand.class, DemoCommand.class, TrainCommand.class,
                EvaluateCommand.class},
        footer = {"", "Exit codes: 0 done, 1 failed, 2 bad arguments (docs/cli.md)."})
public final class ResNet4jCommand implements Callable<Integer> {
    /** The option that adds the stack trace to a failure's one-line message. */
    static final String DEBUG_OPTION = "--debug";
    /** The option that shows the libraries' start-up lines, which a run leaves out by default. */
    static final String VERBOSE_OPTION = "--verbose";

    @Option(names = DEBUG_OPTION, scope = ScopeType.INHERIT,
            description = "Print the stack trace when a command fails.")
    boolean debug;

    // Read by main() before the command line is parsed (the libraries' log settings must come first); declared here
    // so that it is accepted, listed in the usage, and allowed before or after the command name.
    @Option(names = VERBOSE_OPTION, scope = ScopeType.INHERIT,
            description = "Show the native libraries' start-up lines and ND4J's INFO logs (left out by default).")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits the JVM with its exit code. Quiet unless {@code --verbose} is given: the Java
     * libraries' INFO lines are left out ({@link LibraryLogs}), and a command that loads TensorFlow runs in a child
     * JVM whose environment silences TensorFlow's C++ start-up lines ({@link QuietChildJvm}).
     */
    public static void main(String[] args) {
        boolean verbose = Arrays.asList(args).contains(VERBOSE_OPTION);
        LibraryLogs.configure(verbose);
        if (QuietChildJvm.wanted(args, verbose)) {
            System.exit(QuietChildJvm.run(args));
        }
        System.exit(execute(args));
    }

    /**
     * Runs the command line in this JVM and returns its exit code; what it prints goes to System.out and System.err.
     * Library log levels are left as they are (only {@link #main} sets them), so {@code --verbose} changes nothing here.
     */
    public static int execute(String... args) {
        LibraryLogs.keepOffStandardOutput();
        return commandLine().execute(args);
    }

    /** The configured command line: case-insensitive enum values and the error reporting of {@link ErrorReporter}. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new ResNet4jCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        ErrorReporter errors = new ErrorReporter();
        cli.setExecutionExceptionHandler(errors);
        cli.setParameterExceptionHandler(errors);
        return cli;
    }

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: one of "
                + spec.subcommands().keySet());
    }
}
