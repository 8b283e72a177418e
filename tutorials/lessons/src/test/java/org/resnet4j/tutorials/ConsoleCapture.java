package org.resnet4j.tutorials;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs a lesson's or command's {@code main} and returns what it printed, so tests can assert a lesson's output
 * and a lesson cannot silently rot. Standard output and standard error are captured separately.
 */
public final class ConsoleCapture {
    /** A {@code main}-like body that may throw. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** What a captured run printed. */
    public record Printed(String out, String err) {
    }

    private ConsoleCapture() {
    }

    /** Runs {@code body} with {@code System.out} and {@code System.err} redirected; restores them afterwards. */
    public static synchronized Printed run(Body body) throws Exception {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            body.run();
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Printed(out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code body} and returns only its standard output. */
    public static String stdout(Body body) throws Exception {
        return run(body).out();
    }
}
