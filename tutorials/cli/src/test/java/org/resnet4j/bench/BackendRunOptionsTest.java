package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The options every benchmark shares: their defaults, the benchmark's own options handed on, bad values named, and
 * the arguments of a child JVM.
 */
class BackendRunOptionsTest {
    /** Defaults unlike either benchmark's, so that a default taken from anywhere else shows. */
    private static final BenchmarkPlan DEFAULTS = new BenchmarkPlan(4, 6, 1.5);

    /** A benchmark whose one option is {@code --size N}; it keeps the values and the options it was asked about. */
    private static final class SizeOption implements BackendRunOptions.OwnOptions {
        final List<String> asked = new ArrayList<>();
        final List<String> sizes = new ArrayList<>();

        @Override
        public boolean read(String option, Supplier<String> value) {
            asked.add(option);
            if (!option.equals("--size")) {
                return false;
            }
            sizes.add(value.get());
            return true;
        }
    }

    private static BackendRunOptions parse(String... args) {
        return BackendRunOptions.parse(args, DEFAULTS, new SizeOption());
    }

    @Test
    void parse_nothing_givesEveryBackend_twoThreads_theBenchmarksPlan_childJvms_noRecordFiles() {
        BackendRunOptions o = parse();
        assertThat(o.backends()).isEmpty();
        assertThat(o.threads()).isEqualTo(2);
        assertThat(o.warmup()).isEqualTo(4);
        assertThat(o.warmupSeconds()).isEqualTo(1.5);
        assertThat(o.runs()).isEqualTo(6);
        assertThat(o.plan()).isEqualTo(DEFAULTS);
        assertThat(o.inProcess()).isFalse();
        assertThat(o.child()).isFalse();
        assertThat(o.inThisJvm()).isFalse();
        assertThat(o.records()).isNull();
        assertThat(o.references()).isEmpty();
        assertThat(o.recordsOut()).isNull();
    }

    @Test
    void parse_everySharedOption_isRead_andNoneReachesTheBenchmark() {
        SizeOption own = new SizeOption();
        BackendRunOptions o = BackendRunOptions.parse(new String[] {"--backend", "tf,nd4j", "--threads", "3",
            "--warmup", "0", "--warmup-seconds", "2.5", "--runs", "7", "--in-process", "--child", "--records", "p.txt",
            "--reference", "onnxruntime,pytorch", "--records-out", "r.txt"}, DEFAULTS, own);
        assertThat(o).isEqualTo(new BackendRunOptions(List.of("tf", "nd4j"), 3, 0, 2.5, 7, true, true,
                Path.of("p.txt"), List.of("onnxruntime", "pytorch"), Path.of("r.txt")));
        assertThat(own.asked).isEmpty();
    }

    @Test
    void parse_anOptionItDoesNotKnow_goesToTheBenchmark_whichTakesItsValue() {
        SizeOption own = new SizeOption();
        BackendRunOptions o = BackendRunOptions.parse(new String[] {"--size", "--runs", "--runs", "3", "--size", "9"},
                DEFAULTS, own);
        // The first "--runs" is the value of --size, not an option.
        assertThat(own.sizes).containsExactly("--runs", "9");
        assertThat(o.runs()).isEqualTo(3);
    }

    @Test
    void parse_anOptionNeitherKnows_isUnknown() {
        SizeOption own = new SizeOption();
        assertThatThrownBy(() -> BackendRunOptions.parse(new String[] {"--threads", "1", "--fast"}, DEFAULTS, own))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown option \"--fast\"");
        assertThat(own.asked).containsExactly("--fast");
    }

    @Test
    void parse_aMissingValue_namesTheOption_sharedOrTheBenchmarks() {
        assertThatThrownBy(() -> parse("--backend"))
                .hasMessage("--backend expects a value. Received: nothing");
        assertThatThrownBy(() -> parse("--records-out"))
                .hasMessage("--records-out expects a value. Received: nothing");
        assertThatThrownBy(() -> parse("--runs", "2", "--size"))
                .hasMessage("--size expects a value. Received: nothing");
    }

    @Test
    void parse_aBadNumber_namesTheOptionWhatItExpectsAndWhatItReceived() {
        assertThatThrownBy(() -> parse("--threads", "0"))
                .hasMessage("--threads expects a whole number of at least 1. Received: \"0\"");
        assertThatThrownBy(() -> parse("--threads", "two"))
                .hasMessage("--threads expects a whole number of at least 1. Received: \"two\"");
        assertThatThrownBy(() -> parse("--warmup", "-1"))
                .hasMessage("--warmup expects a whole number of at least 0. Received: \"-1\"");
        assertThatThrownBy(() -> parse("--runs", "1.5"))
                .hasMessage("--runs expects a whole number of at least 1. Received: \"1.5\"");
        assertThatThrownBy(() -> parse("--warmup-seconds", "Infinity"))
                .hasMessage("--warmup-seconds expects a number of seconds, 0 or more. Received: \"Infinity\"");
    }

    @Test
    void inThisJvm_withInProcessOrInAChild() {
        assertThat(parse("--in-process").inThisJvm()).isTrue();
        assertThat(parse("--child").inThisJvm()).isTrue();
    }

    @Test
    void childArguments_areChild_thenTheBenchmarksOwn_thenTheBackendAndItsSettings_withoutTheRecordFiles() {
        BackendRunOptions o = parse("--backend", "tf,nd4j", "--threads", "3", "--warmup", "1", "--warmup-seconds",
                "0.5", "--runs", "2", "--records", "p.txt", "--reference", "pytorch", "--records-out", "r.txt");
        List<String> arguments = o.childArguments("nd4j", List.of("--size", "9"));
        assertThat(arguments).containsExactly("--child", "--size", "9", "--backend", "nd4j", "--threads", "3",
                "--warmup", "1", "--warmup-seconds", "0.5", "--runs", "2");
        assertThat(parse(arguments.toArray(String[]::new))).isEqualTo(new BackendRunOptions(List.of("nd4j"), 3, 1,
                0.5, 2, false, true, null, List.of(), null));
    }
}
