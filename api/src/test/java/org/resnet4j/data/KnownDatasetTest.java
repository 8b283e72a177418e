package org.resnet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.Shape;

/** The catalogue: names users type, download addresses and the checksums' form. */
class KnownDatasetTest {
    @Test
    void byId_findsEachDataSet_ignoringCase() {
        assertThat(KnownDataset.byId("mnist")).isEqualTo(KnownDataset.MNIST);
        assertThat(KnownDataset.byId("Fashion-MNIST")).isEqualTo(KnownDataset.FASHION_MNIST);
        assertThat(KnownDataset.byId("cifar10")).isEqualTo(KnownDataset.CIFAR10);
    }

    @Test
    void byId_unknown_listsTheKnownOnes() {
        assertThatThrownBy(() -> KnownDataset.byId("imagenet"))
                .hasMessage("Unknown data set \"imagenet\". Expected one of: mnist, fashion-mnist, cifar10");
    }

    @Test
    void files_resolveToTheUsualMirrors() {
        assertThat(KnownDataset.MNIST.files().get(0).url(KnownDataset.MNIST.mirror()))
                .isEqualTo(URI.create("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz"));
        assertThat(KnownDataset.FASHION_MNIST.files().get(3).url(KnownDataset.FASHION_MNIST.mirror()))
                .isEqualTo(URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"
                        + "t10k-labels-idx1-ubyte.gz"));
        assertThat(KnownDataset.CIFAR10.files().get(0).url(KnownDataset.CIFAR10.mirror()))
                .isEqualTo(URI.create("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"));
    }

    @Test
    void files_haveDistinctLowerCaseMd5Sums_andABound() {
        for (KnownDataset set : KnownDataset.values()) {
            assertThat(set.files()).allSatisfy(file -> {
                assertThat(file.md5()).matches("[0-9a-f]{32}");
                assertThat(file.maxBytes()).isGreaterThan(1L << 20);
            });
            assertThat(set.files().stream().map(RemoteFile::md5).distinct().count()).isEqualTo(set.files().size());
            assertThat(set.classes()).isEqualTo(10);
        }
        assertThat(KnownDataset.CIFAR10.sampleShape()).isEqualTo(Shape.of(32, 32, 3));
        assertThat(KnownDataset.MNIST.sampleShape()).isEqualTo(Shape.of(28, 28, 1));
    }
}
