package org.resnet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.Shape;

/** The in-memory data set: views, Keras' validation split, batching, shuffling and its errors. */
class DatasetTest {
    private static final Shape SAMPLE = Shape.of(1, 2, 1);

    /**
     * {@code count} samples whose two pixels are {@code 100 * i} and {@code 100 * i + 1}, labelled {@code i % classes},
     * so a batch's pixels say which sample they came from.
     */
    private static Dataset numbered(int count, int classes) {
        float[] images = new float[count * 2];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            images[2 * i] = 100 * i;
            images[2 * i + 1] = 100 * i + 1;
            labels[i] = i % classes;
        }
        return Dataset.of("numbers", SAMPLE, images, labels, classes);
    }

    /** The sample indices a pass visits, read back from the first pixel of each sample of each batch. */
    private static List<Integer> visited(Iterable<Batch> batches) {
        List<Integer> seen = new ArrayList<>();
        for (Batch batch : batches) {
            float[] data = batch.images().data();
            for (int i = 0; i < batch.size(); i++) {
                assertThat(data[2 * i + 1]).isEqualTo(data[2 * i] + 1);
                seen.add((int) data[2 * i] / 100);
            }
        }
        return seen;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> list = new ArrayList<>();
        for (int i = from; i < to; i++) {
            list.add(i);
        }
        return list;
    }

    @Test
    void of_sampleShapeNotRank3_namesTheDataSetAndTheShape() {
        assertThatThrownBy(() -> Dataset.of("d", Shape.of(4), new float[4], new int[1], 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Dataset \"d\" expects samples of shape [height, width, channels]. Received: [4]");
    }

    @Test
    void of_noClass_isRejected() {
        assertThatThrownBy(() -> Dataset.of("d", SAMPLE, new float[0], new int[0], 0))
                .hasMessage("Dataset \"d\" expects at least 1 class. Received: 0");
    }

    @Test
    void of_valueCountNotSamplesTimesSampleSize_saysExpectedAndReceived() {
        assertThatThrownBy(() -> Dataset.of("d", SAMPLE, new float[5], new int[3], 2))
                .hasMessage("Dataset \"d\" expects 6 values (3 samples of [1, 2, 1]). Received: 5");
    }

    @Test
    void of_labelOutOfRange_namesTheLabelAndTheSample() {
        assertThatThrownBy(() -> Dataset.of("d", SAMPLE, new float[6], new int[] {0, 1, 2}, 2))
                .hasMessage("Dataset \"d\" expects labels in [0, 2). Received: 2 at sample 2");
        assertThatThrownBy(() -> Dataset.of("d", SAMPLE, new float[6], new int[] {0, -1, 1}, 2))
                .hasMessage("Dataset \"d\" expects labels in [0, 2). Received: -1 at sample 1");
    }

    @Test
    void of_wrapsTheArrayWithoutCopying_andDescribesItself() {
        float[] images = new float[4];
        Dataset data = Dataset.of("d", SAMPLE, images, new int[] {1, 0}, 3);
        images[3] = 7f;
        float[] copy = new float[2];
        data.copySample(1, copy, 0);
        assertThat(copy).containsExactly(0f, 7f);
        assertThat(data.toString()).isEqualTo("Dataset[d, 2 samples of [1, 2, 1], 3 classes]");
        assertThat(data.name()).isEqualTo("d");
        assertThat(data.sampleShape()).isEqualTo(SAMPLE);
        assertThat(data.classes()).isEqualTo(3);
    }

    @Test
    void slice_isAViewOfTheGivenRange() {
        Dataset slice = numbered(10, 10).slice(3, 6);
        assertThat(slice.size()).isEqualTo(3);
        assertThat(slice.labels()).containsExactly(3, 4, 5);
        assertThat(slice.label(0)).isEqualTo(3);
        assertThat(visited(slice.batches(2))).containsExactly(3, 4, 5);
        assertThat(slice.slice(1, 3).labels()).containsExactly(4, 5);
    }

    @Test
    void slice_outOfBounds_saysTheAllowedRange() {
        Dataset data = numbered(4, 4);
        assertThatThrownBy(() -> data.slice(2, 5))
                .hasMessage("Dataset \"numbers\" slice expects 0 <= from <= to <= 4. Received: from=2, to=5");
        assertThatThrownBy(() -> data.slice(3, 2))
                .hasMessage("Dataset \"numbers\" slice expects 0 <= from <= to <= 4. Received: from=3, to=2");
        assertThatThrownBy(() -> data.slice(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void limit_keepsTheFirstSamples_orAllWhenThereAreFewer() {
        Dataset data = numbered(5, 5);
        assertThat(data.limit(2).labels()).containsExactly(0, 1);
        assertThat(data.limit(50).size()).isEqualTo(5);
        assertThat(data.limit(0).size()).isZero();
        assertThatThrownBy(() -> data.limit(-1))
                .hasMessage("Dataset \"numbers\" limit expects a count >= 0. Received: -1");
    }

    @Test
    void split_trainingKeepsFloorOfSizeTimesOneMinusFraction_asKerasRounds() {
        // Keras: split_at = floor(10 * (1 - 0.25)) = floor(7.5) = 7, so 3 validation samples (not floor(2.5) = 2).
        Dataset.Split split = numbered(10, 10).split(0.25);
        assertThat(split.training().labels()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        assertThat(split.validation().labels()).containsExactly(7, 8, 9);
    }

    @Test
    void split_theSeedsRecipe_60000SamplesAtATenth_gives54000And6000() {
        Dataset.Split split = Dataset.of("big", Shape.of(1, 1, 1), new float[60000], new int[60000], 1).split(0.1);
        assertThat(split.training().size()).isEqualTo(54000);
        assertThat(split.validation().size()).isEqualTo(6000);
    }

    @Test
    void split_zero_keepsEverySampleForTraining() {
        Dataset.Split split = numbered(3, 3).split(0);
        assertThat(split.training().labels()).containsExactly(0, 1, 2);
        assertThat(split.validation().size()).isZero();
    }

    @Test
    void split_takesTheLastSamplesBeforeAnyShuffling() {
        Dataset data = numbered(20, 20);
        data.batches(4, new Random(1), null).forEach(batch -> { });
        Dataset.Split split = data.split(0.2);
        assertThat(split.validation().labels()).containsExactly(16, 17, 18, 19);
        assertThat(visited(split.training().batches(3, new Random(2), null))).containsExactlyInAnyOrderElementsOf(
                range(0, 16));
    }

    @Test
    void split_fractionOutsideZeroToOne_isRejected() {
        Dataset data = numbered(4, 4);
        for (double bad : new double[] {1.0, -0.1, Double.NaN}) {
            assertThatThrownBy(() -> data.split(bad))
                    .hasMessage("Dataset \"numbers\" validation split expects a fraction in [0, 1). Received: " + bad);
        }
    }

    @Test
    void split_leavingOneSideEmpty_isRejectedAsInKeras() {
        assertThatThrownBy(() -> numbered(1, 1).split(0.5))
                .hasMessage("Dataset \"numbers\" has 1 samples, which is not sufficient to split it into a "
                        + "validation and training set as specified by validation split 0.5. Expected a fraction "
                        + "that leaves at least one sample on each side.");
        // floor(10 * (1 - 0.001)) = floor(9.99) = 9: one validation sample, allowed. 1 - 1e-17 is 1.0 in double
        // arithmetic (as in Python), so floor(10 * 1.0) = 10 leaves no validation sample.
        assertThat(numbered(10, 10).split(0.001).validation().size()).isEqualTo(1);
        assertThatThrownBy(() -> numbered(10, 10).split(1e-17)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has 10 samples, which is not sufficient");
    }

    @Test
    void batches_withoutRandom_followTheOrder_lastBatchSmaller() {
        Dataset data = numbered(7, 3);
        List<Integer> sizes = new ArrayList<>();
        for (Batch batch : data.batches(3)) {
            sizes.add(batch.size());
            assertThat(batch.images().shape()).isEqualTo(Shape.of(batch.size(), 1, 2, 1));
            assertThat(batch.classes()).isEqualTo(3);
        }
        assertThat(sizes).containsExactly(3, 3, 1);
        assertThat(data.batchCount(3)).isEqualTo(3);
        assertThat(data.batchCount(7)).isEqualTo(1);
        assertThat(visited(data.batches(3))).containsExactlyElementsOf(range(0, 7));
    }

    @Test
    void batches_labelsTravelWithTheirImages() {
        Dataset data = numbered(9, 4);
        for (Batch batch : data.batches(4, new Random(3), null)) {
            for (int i = 0; i < batch.size(); i++) {
                int sample = (int) batch.images().data()[2 * i] / 100;
                assertThat(batch.labels()[i]).isEqualTo(sample % 4);
            }
        }
    }

    @Test
    void batches_shuffled_followCollectionsShuffleWithTheSameSeed() {
        // Collections.shuffle is the JDK's own Fisher-Yates over the same Random: an independent oracle.
        List<Integer> expected = range(0, 25);
        Collections.shuffle(expected, new Random(42));
        assertThat(visited(numbered(25, 5).batches(4, new Random(42), null))).containsExactlyElementsOf(expected);
    }

    @Test
    void batches_shuffled_visitEverySampleExactlyOncePerPass() {
        Dataset data = numbered(37, 5);
        Random random = new Random(7);
        for (int pass = 0; pass < 3; pass++) {
            assertThat(visited(data.batches(8, random, null))).containsExactlyInAnyOrderElementsOf(range(0, 37));
        }
    }

    @Test
    void batches_sameSeed_sameOrder_nextPassAnotherOrder() {
        Dataset data = numbered(30, 5);
        Random first = new Random(11);
        Random second = new Random(11);
        List<Integer> pass1 = visited(data.batches(8, first, null));
        assertThat(visited(data.batches(8, second, null))).isEqualTo(pass1);
        assertThat(visited(data.batches(8, first, null))).isNotEqualTo(pass1);
    }

    @Test
    void batches_batchSizeBelowOne_isRejected() {
        assertThatThrownBy(() -> numbered(3, 3).batches(0))
                .hasMessage("Dataset \"numbers\" expects a batch size >= 1. Received: 0");
    }

    @Test
    void batches_augmentationWithoutRandom_isRejected() {
        Augmentation nothing = (images, offset, shape, random) -> { };
        assertThatThrownBy(() -> numbered(3, 3).batches(2, null, nothing))
                .hasMessage("Dataset \"numbers\" expects a Random with an augmentation (its random choices come "
                        + "from it). Received: none");
    }

    @Test
    void batches_augmentationChangesTheBatchCopy_neverTheDataSet() {
        Dataset data = numbered(5, 5);
        Augmentation negate = (images, offset, shape, random) -> {
            for (int i = 0; i < shape.size(); i++) {
                images[offset + i] = -images[offset + i] - random.nextInt(1);
            }
        };
        List<Float> seen = new ArrayList<>();
        for (Batch batch : data.batches(2, new Random(0), negate)) {
            for (float v : batch.images().data()) {
                seen.add(v);
            }
        }
        assertThat(seen).hasSize(10).allMatch(v -> v <= 0);
        assertThat(visited(data.batches(5))).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void batches_emptyDataSet_giveNoBatch() {
        assertThat(numbered(4, 4).limit(0).batches(3)).isEmpty();
        assertThat(numbered(4, 4).limit(0).batchCount(3)).isZero();
    }
}
