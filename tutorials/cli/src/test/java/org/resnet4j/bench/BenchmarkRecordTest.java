package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Record lines survive a round trip, other lines are ignored, and the table computes its columns. */
class BenchmarkRecordTest {

    @Test
    void toLine_thenParse_givesTheSameRecord() {
        BenchmarkRecord r = BenchmarkRecord.of("tf", new BenchmarkResult("tf resnet50", 8, List.of(400.0, 320.0, 360.0)));

        assertThat(r.toLine()).isEqualTo("bench-result\ttf\t8\t360.000\t320.000\t3");
        assertThat(BenchmarkRecord.parse(r.toLine())).contains(r);
    }

    @Test
    void parse_otherOutput_isEmpty_andABrokenRecordIsAnError() {
        assertThat(BenchmarkRecord.parse("tf: compiled in 400 ms")).isEmpty();
        assertThat(BenchmarkRecord.parse("bench-result\ttf\t8")).isEmpty();
        assertThatThrownBy(() -> BenchmarkRecord.parse("bench-result\ttf\teight\t1\t1\t1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Received: \"bench-result");
    }

    @Test
    void perImageFigures_divideByTheBatch() {
        BenchmarkRecord r = new BenchmarkRecord("nd4j", 8, 400.0, 380.0, 10);
        assertThat(r.msPerImage()).isEqualTo(50.0);
        assertThat(r.imagesPerSecond()).isEqualTo(20.0);
    }

    @Test
    void table_withReference_comparesEachRowWithTheReferenceAtTheSameBatch() {
        List<BenchmarkRecord> records = List.of(
                new BenchmarkRecord("pytorch", 1, 50.0, 45.0, 10),
                new BenchmarkRecord("pytorch", 8, 400.0, 390.0, 10),
                new BenchmarkRecord("tf", 8, 200.0, 190.0, 10),
                new BenchmarkRecord("nd4j", 4, 100.0, 90.0, 10));

        String table = BenchmarkTable.format(records, "pytorch");

        assertThat(table.split("\n")).containsExactly(
                "| engine | batch | median ms/batch | min ms/batch | ms/image | images/s | vs pytorch |",
                "|---|---:|---:|---:|---:|---:|---:|",
                "| pytorch | 1 | 50.0 | 45.0 | 50.0 | 20.00 | 1.00x |",
                "| pytorch | 8 | 400.0 | 390.0 | 50.0 | 20.00 | 1.00x |",
                "| tf | 8 | 200.0 | 190.0 | 25.0 | 40.00 | 0.50x |",
                "| nd4j | 4 | 100.0 | 90.0 | 25.0 | 40.00 | - |");
    }

    @Test
    void table_withoutTheReferenceEngine_hasNoRatioColumn() {
        String table = BenchmarkTable.format(List.of(new BenchmarkRecord("tf", 1, 30.0, 29.0, 10)), "pytorch");
        assertThat(table).startsWith("| engine | batch | median ms/batch | min ms/batch | ms/image | images/s |\n");
    }
}
