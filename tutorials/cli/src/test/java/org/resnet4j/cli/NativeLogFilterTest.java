package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The child's standard error loses exactly Abseil's notice and INFO lines, and nothing waits for a line's end. */
class NativeLogFilterTest {
    // Copied from the standard error of `java -jar resnet4j.jar demo` with TF_CPP_MIN_LOG_LEVEL=1 (TensorFlow 2.18).
    private static final String ABSL_NOTICE =
            "WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n";
    private static final String ABSL_INFO = "I0000 00:00:1796573137.036221   19051 mlir_graph_optimization_pass.cc:401]"
            + " MLIR V1 optimization pass is not enabled\n";

    @Test
    void abslNoticeAndInfoLines_areLeftOut_otherLinesPass() throws IOException {
        String ours = "resnet4j: Using [tf]; choose another with -Dresnet4j.backend=NAME or RESNET4J_BACKEND=NAME\n";
        String error = "Error: Cannot read --input x.safetensors: no such file\n";

        assertThat(filter(ours + ABSL_NOTICE + ABSL_INFO + error)).isEqualTo(ours + error);
    }

    @Test
    void abslWarningsAndErrors_pass() throws IOException {
        String warning = "W0000 00:00:1796573137.036221   19051 op_kernel.cc:1841] OP_REQUIRES failed\n";
        String error = "E0000 00:00:1796573137.036221   19051 session.cc:12] something broke\n";

        assertThat(filter(warning + error)).isEqualTo(warning + error);
    }

    @Test
    void linesThatOnlyStartLikeAbslLines_pass() throws IOException {
        String text = "I1234 is not a log line\nI0000\nWARNING: something else\nI\n";

        assertThat(filter(text)).isEqualTo(text);
    }

    @Test
    void lineSplitOverManyReads_isStillRecognised() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = (ABSL_INFO + "kept\n").getBytes(StandardCharsets.UTF_8);

        NativeLogFilter.copy(new OneByteAtATime(bytes), out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("kept\n");
    }

    @Test
    void progressBarRedrawnWithCarriageReturns_isPassedOnBeforeItsLineEnds() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] reads = {"\rtf resnet50 batch 1  timed   [##        ] 1/5", "\rtf resnet50 batch 1  timed   [####      ] 2/5"};
        String[] seenAfterFirstRead = new String[1];
        InputStream in = new InputStream() {
            private int next;

            @Override
            public int read() {
                throw new UnsupportedOperationException("read(byte[]) only");
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (next == 1) {
                    seenAfterFirstRead[0] = out.toString(StandardCharsets.UTF_8);
                }
                if (next == reads.length) {
                    return -1;
                }
                byte[] chunk = reads[next++].getBytes(StandardCharsets.UTF_8);
                System.arraycopy(chunk, 0, buffer, offset, chunk.length);
                return chunk.length;
            }
        };

        NativeLogFilter.copy(in, out);

        assertThat(seenAfterFirstRead[0]).isEqualTo(reads[0]);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(reads[0] + reads[1]);
    }

    @Test
    void unfinishedLastLine_isKept() throws IOException {
        assertThat(filter("I0000 00:00:1.0 1 x.cc:1] no line break")).isEqualTo("I0000 00:00:1.0 1 x.cc:1] no line break");
    }

    @Test
    void bytesOfAnyEncoding_passUnchanged() throws IOException {
        byte[] latin1AndUtf8 = {'c', 'a', 'f', (byte) 0xE9, ' ', (byte) 0xC3, (byte) 0xA9, '\n'};
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        NativeLogFilter.copy(new ByteArrayInputStream(latin1AndUtf8), out);

        assertThat(out.toByteArray()).isEqualTo(latin1AndUtf8);
    }

    private static String filter(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NativeLogFilter.copy(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A stream that returns one byte per read, as a pipe may. */
    private static final class OneByteAtATime extends InputStream {
        private final byte[] bytes;
        private int next;

        OneByteAtATime(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return next < bytes.length ? bytes[next++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (next == bytes.length) {
                return -1;
            }
            buffer[offset] = bytes[next++];
            return 1;
        }
    }
}
