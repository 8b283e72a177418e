package org.resnet4j.data;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.resnet4j.tensor.Shape;

/**
 * The data sets ResNet4J knows by name: their files, the mirror they are downloaded from, the published MD5 sums
 * (torchvision's, for MNIST and Fashion-MNIST; the CIFAR-10 page's for CIFAR-10) and the folders where a system
 * package installs them.
 */
public enum KnownDataset {
    /** Handwritten digits, 60000 training and 10000 test images of 28x28x1, from torchvision's mirror. */
    MNIST("mnist", "https://ossci-datasets.s3.amazonaws.com/mnist/", Shape.of(28, 28, 1), List.of(
            new RemoteFile("train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873", Limits.IDX),
            new RemoteFile("train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432", Limits.IDX),
            new RemoteFile("t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3", Limits.IDX),
            new RemoteFile("t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c", Limits.IDX)),
            List.of()),

    /**
     * Zalando's clothing images in MNIST's format and sizes, from its authors' mirror; Debian's package
     * {@code dataset-fashion-mnist} installs the same files (recompressed) in {@code /usr/share/datasets/fashion-mnist}.
     */
    FASHION_MNIST("fashion-mnist", "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/", Shape.of(28, 28, 1),
            List.of(
                    new RemoteFile("train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d", Limits.IDX),
                    new RemoteFile("train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe", Limits.IDX),
                    new RemoteFile("t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79", Limits.IDX),
                    new RemoteFile("t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310", Limits.IDX)),
            List.of(Path.of("/usr/share/datasets/fashion-mnist"))),

    /** 60000 colour images of 32x32x3 in 10 classes, 50000 for training, in the binary version from its authors. */
    CIFAR10("cifar10", "https://www.cs.toronto.edu/~kriz/", CifarReader.SAMPLE_SHAPE, List.of(
            new RemoteFile("cifar-10-binary.tar.gz", "c32a1d4ab5d03f1284b67883e8d87530", Limits.CIFAR_ARCHIVE)),
            List.of());

    private final String id;
    private final URI mirror;
    private final Shape sampleShape;
    private final List<RemoteFile> files;
    private final List<Path> systemLocations;

    KnownDataset(String id, String mirror, Shape sampleShape, List<RemoteFile> files, List<Path> systemLocations) {
        this.id = id;
        this.mirror = URI.create(mirror);
        this.sampleShape = sampleShape;
        this.files = files;
        this.systemLocations = systemLocations;
    }

    /** The name users type: {@code mnist}, {@code fashion-mnist}, {@code cifar10}. */
    public String id() {
        return id;
    }

    /** The folder URL the files are downloaded from. */
    public URI mirror() {
        return mirror;
    }

    /** The files to download, each with its published MD5 sum. */
    public List<RemoteFile> files() {
        return files;
    }

    /** Folders where a system package installs the files, looked in when they are not in the data folder. */
    public List<Path> systemLocations() {
        return systemLocations;
    }

    /** The shape of one sample, {@code [height, width, channels]}. */
    public Shape sampleShape() {
        return sampleShape;
    }

    /** The number of classes: 10 for every known data set. */
    public int classes() {
        return 10;
    }

    /** The data set called {@code id} (case-insensitive). */
    public static KnownDataset byId(String id) {
        for (KnownDataset known : values()) {
            if (known.id.equals(id.toLowerCase(Locale.ROOT))) {
                return known;
            }
        }
        throw new IllegalArgumentException("Unknown data set \"" + id + "\". Expected one of: "
                + Arrays.stream(values()).map(KnownDataset::id).collect(Collectors.joining(", ")));
    }

    /** Bounds on download sizes, a few times the real sizes (26 MB for the largest IDX file, 170 MB for CIFAR-10). */
    private static final class Limits {
        static final long IDX = 64L << 20;
        static final long CIFAR_ARCHIVE = 256L << 20;
    }
}
