package org.resnet4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.training.fit.EpochLogs;

/** The history {@code train} keeps beside its checkpoint, and reads back when it resumes. */
class RunHistoryTest {
    @TempDir
    Path dir;

    @Test
    void epochs_areWrittenAsCsvRowsCountedFromOne_andReadBack() throws Exception {
        RunHistory history = new RunHistory();
        history.add(new EpochLogs(0, Map.of("loss", 2.5), 0.001, 12.0));
        history.add(new EpochLogs(1, Map.of("loss", 1.25), 0.001, 11.5));
        Path file = dir.resolve("run-history.csv");

        history.write(file);

        assertThat(Files.readAllLines(file)).containsExactly("epoch,loss,learning_rate,seconds",
                "1,2.50000,0.00100000,12.0000", "2,1.25000,0.00100000,11.5000");
        RunHistory read = RunHistory.parse(Files.readString(file), 2);
        assertThat(read.epochs()).containsExactly(1, 2);
        assertThat(read.series()).isEqualTo(history.series());
        try (var files = Files.list(dir)) {
            assertThat(files.toList()).containsExactly(file); // no temporary file left
        }
    }

    @Test
    void parse_keepsOnlyTheEpochsTheResumedCheckpointHad() {
        String csv = "epoch,loss\n1,3.0\n2,2.0\n3,1.0\n";

        RunHistory read = RunHistory.parse(csv, 2);

        assertThat(read.epochs()).containsExactly(1, 2);
        assertThat(read.series()).containsExactly(Map.entry("loss", List.of(3.0, 2.0)));
    }

    @Test
    void aSeriesThatStartsLate_isPaddedWithNaN_whichTheChartLeavesOut() {
        RunHistory history = RunHistory.parse("epoch,loss\n1,3.0\n", 1);

        history.add(new EpochLogs(1, Map.of("loss", 2.0, "val_loss", 2.5), 0.01, 1.0));

        assertThat(history.series().get("val_loss")).containsExactly(Double.NaN, 2.5);
        assertThat(history.series().get("loss")).containsExactly(3.0, 2.0);
    }

    @Test
    void parse_ofSomethingElse_saysWhichLineIsWrong() {
        assertThatThrownBy(() -> RunHistory.parse("loss\n1\n", 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected a header starting with \"epoch,\"");
        assertThatThrownBy(() -> RunHistory.parse("epoch,loss\n1,2,3\n", 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2 has 3 values, the header 2");
        assertThatThrownBy(() -> RunHistory.parse("epoch,loss\n1,abc\n", 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line 2 is not numbers: 1,abc");
    }
}
