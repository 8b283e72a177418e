package org.resnet4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Copies a child JVM's standard error, leaving out the two kinds of line that TensorFlow 2.18 writes through Abseil's
 * logging, which no environment variable or system property turns off: Abseil's notice
 * {@code WARNING: All log messages before absl::InitializeLog() is called are written to STDERR} and Abseil's INFO
 * lines ({@code I0000 00:00:1796573120.463605   18806 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass
 * is not enabled}). Abseil's warnings and errors ({@code W...}, {@code E...}) and every other line pass.
 *
 * <p>Bytes are passed on as soon as their line can no longer be one of those, so progress bars that redraw a line
 * with carriage returns still move; only a line that starts like an Abseil line is held until its end.
 */
final class NativeLogFilter {
    static final String ABSL_NOTICE = "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR";
    // Abseil's format for INFO: I, month and day, time (before InitializeLog() "00:00:" and the seconds since 1970),
    // thread id, file:line] message.
    private static final Pattern ABSL_INFO = Pattern.compile("I\\d{4} \\d{2}:\\d{2}:\\d+\\.\\d+ +\\d+ [^ \\]]+:\\d+\\] .*");
    private static final Pattern ABSL_INFO_START = Pattern.compile("I\\d{0,4}|I\\d{4} .*");

    private final OutputStream out;
    private final ByteArrayOutputStream heldLine = new ByteArrayOutputStream();
    private boolean passingLine;

    private NativeLogFilter(OutputStream out) {
        this.out = out;
    }

    /** Copies {@code in} to {@code out} until the end of {@code in}, leaving out Abseil's INFO lines and notice. */
    static void copy(InputStream in, OutputStream out) throws IOException {
        NativeLogFilter filter = new NativeLogFilter(out);
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            for (int i = 0; i < n; i++) {
                filter.accept(buffer[i]);
            }
            out.flush();
        }
        filter.heldLine.writeTo(out);
        out.flush();
    }

    /** Whether a whole line (without its line break) is one this filter leaves out. */
    static boolean isLeftOut(String line) {
        return line.equals(ABSL_NOTICE) || ABSL_INFO.matcher(line).matches();
    }

    private void accept(byte b) throws IOException {
        if (passingLine) {
            out.write(b);
            passingLine = b != '\n';
            return;
        }
        if (b == '\n') {
            if (!isLeftOut(held())) {
                heldLine.writeTo(out);
                out.write(b);
            }
            heldLine.reset();
            return;
        }
        heldLine.write(b);
        if (!mayBeLeftOut(held())) {
            heldLine.writeTo(out);
            heldLine.reset();
            passingLine = true;
        }
    }

    private static boolean mayBeLeftOut(String start) {
        return ABSL_NOTICE.startsWith(start) || ABSL_INFO_START.matcher(start).matches();
    }

    private String held() {
        // ISO-8859-1 maps each byte to one char, so the held bytes are compared exactly, whatever their encoding.
        return heldLine.toString(StandardCharsets.ISO_8859_1);
    }
}
