package org.resnet4j.cli;

import org.resnet4j.tutorials.ConsoleCapture;

/** Runs the command line in this JVM, as {@code java -jar resnet4j.jar ARGS} would, and returns what it did. */
final class Cli {
    /** The exit code and what was printed on each stream. */
    record Result(int exitCode, String out, String err) {
        /** Both streams, for messages of failed assertions. */
        String both() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private Cli() {
    }

    /** Runs {@code resnet4j ARGS}. */
    static Result run(String... args) throws Exception {
        int[] code = new int[1];
        ConsoleCapture.Printed printed = ConsoleCapture.run(() -> code[0] = ResNet4jCommand.execute(args));
        return new Result(code[0], printed.out(), printed.err());
    }
}
