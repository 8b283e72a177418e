package org.resnet4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Record lines survive a round trip, other lines are ignored, and the table computes its columns. */
class BenchmarkRecordTest {

    @Test
    void toLine_thenParse_givesTheSameRecord_withTheNetworkLast() {
        BenchmarkRecord r = BenchmarkRecord.of("tf", "resnet18",
                new BenchmarkResult("tf resnet18", 8, List.of(400.0, 320.0, 360.0)));

        assertThat(r.toLine()).isEqualTo("bench-result\ttf\t8\t360.000\t320.000\t3\tresnet18");
        assertThat(BenchmarkRecord.parse(r.toLine())).contains(r);
    }

    @Test
    void parse_aLineWithoutNetwork_isResNet50_theOnlyNetworkOfThatFormat() {
        assertThat(BenchmarkRecord.parse("bench-result\tpytorch\t1\t33.500\t31.250\t10"))
                .contains(new BenchmarkRecord("pytorch", "resnet50", 1, 33.5, 31.25, 10));
    }

    @Test
    void parse_otherOutput_isEmpty_andABrokenRecordIsAnError() {
        assertThat(BenchmarkRecord.parse("tf: compiled in 400 ms")).isEmpty();
        assertThat(BenchmarkRecord.parse("bench-result\ttf\t8")).isEmpty();
        assertThat(BenchmarkRecord.parse("bench-result\ttf\t8\t1\t1\t1\tresnet50\textra")).isEmpty();
        assertThatThrownBy(() -> BenchmarkRecord.parse("bench-result\ttf\teight\t1\t1\t1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Received: \"bench-result");
    }

    @Test
    void perImageFigures_divideByTheBatch() {
        BenchmarkRecord r = new BenchmarkRecord("nd4j", "resnet50", 8, 400.0, 380.0, 10);
        assertThat(r.msPerImage()).isEqualTo(50.0);
        assertThat(r.imagesPerSecond()).isEqualTo(20.0);
    }

    @Test
    void table_withReference_comparesEachRowWithTheReferenceAtTheSameBatch() {
        List<BenchmarkRecord> records = List.of(
                new BenchmarkRecord("pytorch", "resnet50", 1, 50.0, 45.0, 10),
                new BenchmarkRecord("pytorch", "resnet50", 8, 400.0, 390.0, 10),
                new BenchmarkRecord("tf", "resnet50", 8, 200.0, 190.0, 10),
                new BenchmarkRecord("nd4j", "resnet50", 4, 100.0, 90.0, 10));

        String table = BenchmarkTable.format(records, List.of("pytorch"));

        assertThat(table.split("\n")).containsExactly(
                "| engine | batch | median ms/batch | min ms/batch | ms/image | images/s | vs pytorch |",
                "|---|---:|---:|---:|---:|---:|---:|",
                "| pytorch | 1 | 50.0 | 45.0 | 50.0 | 20.00 | 1.00x |",
                "| pytorch | 8 | 400.0 | 390.0 | 50.0 | 20.00 | 1.00x |",
                "| tf | 8 | 200.0 | 190.0 | 25.0 | 40.00 | 0.50x |",
                "| nd4j | 4 | 100.0 | 90.0 | 25.0 | 40.00 | - |");
    }

    @Test
    void table_withTwoReferences_hasOneColumnEach_andComparesOnlyTheSameNetwork() {
        List<BenchmarkRecord> records = List.of(
                new BenchmarkRecord("pytorch", "resnet50", 8, 300.0, 290.0, 10),
                new BenchmarkRecord("onnxruntime", "resnet50", 8, 150.0, 140.0, 10),
                new BenchmarkRecord("onnxruntime", "resnet18", 8, 60.0, 55.0, 10),
                new BenchmarkRecord("nd4j", "resnet18", 8, 90.0, 80.0, 10));

        String table = BenchmarkTable.format(records, List.of("onnxruntime", "pytorch"));

        // nd4j's 90 ms on ResNet-18 against ONNX Runtime's 60 ms on ResNet-18 (not its 150 ms on ResNet-50);
        // no PyTorch record of ResNet-18.
        assertThat(table.split("\n")).containsExactly(
                "| engine | batch | median ms/batch | min ms/batch | ms/image | images/s | vs onnxruntime | vs pytorch |",
                "|---|---:|---:|---:|---:|---:|---:|---:|",
                "| pytorch | 8 | 300.0 | 290.0 | 37.5 | 26.67 | 2.00x | 1.00x |",
                "| onnxruntime | 8 | 150.0 | 140.0 | 18.8 | 53.33 | 1.00x | 0.50x |",
                "| onnxruntime | 8 | 60.0 | 55.0 | 7.5 | 133.33 | 1.00x | - |",
                "| nd4j | 8 | 90.0 | 80.0 | 11.3 | 88.89 | 1.50x | - |");
    }

    @Test
    void table_withoutTheReferenceEngine_hasNoRatioColumn() {
        String table = BenchmarkTable.format(List.of(new BenchmarkRecord("tf", "resnet50", 1, 30.0, 29.0, 10)),
                List.of("pytorch"));
        assertThat(table).startsWith("| engine | batch | median ms/batch | min ms/batch | ms/image | images/s |\n");
    }

    @Test
    void amongLines_keepsTheRecordsOfTheNetwork_andReadsOldLinesAsResNet50() {
        List<String> lines = List.of(
                "pytorch 1.13.0, torchvision 0.14.1, 2 threads",
                "bench-result\tonnxruntime\t8\t160.000\t150.000\t10\tresnet50",
                "bench-result\tonnxruntime\t8\t40.000\t38.000\t10\tresnet18",
                "bench-result\tpytorch\t1\t33.000\t31.000\t10");

        assertThat(BenchmarkRecord.amongLines(lines, "resnet18"))
                .containsExactly(new BenchmarkRecord("onnxruntime", "resnet18", 8, 40.0, 38.0, 10));
        assertThat(BenchmarkRecord.amongLines(lines, "resnet50")).extracting(BenchmarkRecord::engine)
                .containsExactly("onnxruntime", "pytorch");
    }
}
