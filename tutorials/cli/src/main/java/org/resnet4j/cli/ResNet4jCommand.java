package org.resnet4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code resnet4j} command: the entry point of the runnable jar ({@code java -jar resnet4j.jar COMMAND ...}). It
 * holds the options every command shares and dispatches to one command class per subcommand.
 */
@Command(name = "resnet4j", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Build, run, compare and time ResNets on every backend on the classpath.",
        subcommands = {BackendsCommand.class, SummaryCommand.class, RunCommand.class, PredictCommand.class,
                ParityCommand.class, BenchCommand.class, DemoCommand.class},
        footer = {"", "Exit codes: 0 done, 1 failed, 2 bad arguments (docs/cli.md)."})
public final class ResNet4jCommand implements Callable<Integer> {
    /** The option that adds the stack trace to a failure's one-line message. */
    static final String DEBUG_OPTION = "--debug";
    private static final String SLF4J_SIMPLE_LOG_FILE = "org.slf4j.simpleLogger.logFile";

    @Option(names = DEBUG_OPTION, scope = ScopeType.INHERIT,
            description = "Print the stack trace when a command fails.")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line in this JVM and returns its exit code; what it prints goes to System.out and System.err. */
    public static int execute(String... args) {
        keepLibraryLogsOffStandardOutput();
        return commandLine().execute(args);
    }

    /**
     * jHDF's jar carries a {@code simplelogger.properties} that sends every SLF4J message (ND4J's start-up lines
     * included) to standard output, where they would mix with results. A system property outranks that file, so
     * unless the user chose otherwise, library logs go to standard error.
     */
    static void keepLibraryLogsOffStandardOutput() {
        if (System.getProperty(SLF4J_SIMPLE_LOG_FILE) == null) {
            System.setProperty(SLF4J_SIMPLE_LOG_FILE, "System.err");
        }
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
