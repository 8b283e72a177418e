package org.resnet4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into one line on standard error and an exit code: a {@link UsageException} or a
 * picocli {@link ParameterException} is the user's mistake (the line, then the command's usage, exit 2); anything
 * else is a failure (the line, exit 1). Stack traces are for {@code --debug} only, since a user who mistyped a file
 * name needs the name, not the JVM's call stack.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    /** What the parser rejects: an unknown option or command, a missing or malformed value. */
    @Override
    public int handleParseException(ParameterException mistake, String[] args) {
        return usageError(mistake, mistake.getCommandLine());
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult) {
        if (failure instanceof UsageException || failure instanceof ParameterException) {
            return usageError(failure, command);
        }
        PrintWriter err = command.getErr();
        String line = oneLine(failure);
        // Discovery's sentences already carry their own prefix, which users grep for.
        err.println(line.startsWith("resnet4j: ") ? line : "Error: " + line);
        if (debugRequested(parseResult)) {
            failure.printStackTrace(err);
        } else {
            err.println("(run with --debug to see the stack trace)");
        }
        err.flush();
        return ExitCodes.FAILURE;
    }

    /** One line, then the usage of the command that was mistyped (picocli would offer suggestions instead). */
    private static int usageError(Exception mistake, CommandLine command) {
        PrintWriter err = command.getErr();
        err.println(oneLine(mistake));
        command.usage(err, command.getColorScheme());
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The failure's message on one line; the exception's class stands in for a missing message. */
    static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            message = failure.getClass().getName();
        }
        return message.strip().replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }

    private static boolean debugRequested(ParseResult parseResult) {
        for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption(ResNet4jCommand.DEBUG_OPTION)) {
                return true;
            }
        }
        return false;
    }
}
