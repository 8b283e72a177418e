package org.resnet4j.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.resnet4j.data.Dataset;
import org.resnet4j.data.DatasetLoader;
import org.resnet4j.data.KnownDataset;
import org.resnet4j.data.Normalization;
import picocli.CommandLine.Option;

/**
 * The data set options of {@code train} and {@code evaluate}, declared once and mixed into both, and how they load:
 * {@link DatasetLoader} (the data folder, Debian's folder, then downloads, logged on standard error), the first
 * {@code --limit-*} samples, and the normalisation the data set's recipe uses, the same in both commands so that a
 * model is evaluated on the values it was trained on.
 */
public final class DataOptions {
    @Option(names = "--data", required = true, paramLabel = "mnist|fashion-mnist|cifar10",
            description = "The data set: mnist, fashion-mnist (IDX files) or cifar10 (binary version).")
    String data;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "The folder holding the data set's files (downloaded there when missing). Default: "
                    + "~/.resnet4j/datasets/ID, then the system folder (/usr/share/datasets/fashion-mnist).")
    Path dataDir;

    @Option(names = "--no-download",
            description = "Never download: missing files are an error that says where to put them.")
    boolean noDownload;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "Download the files from this folder URL (a local mirror) instead of the data set's own; "
                    + "the published checksums still apply.")
    String mirror;

    @Option(names = "--limit-test", paramLabel = "N",
            description = "Use only the first N test images (default: all 10000).")
    Integer limitTest;

    /** The data set {@code --data} names; an unknown name is a usage error listing the known ones. */
    KnownDataset dataset() {
        try {
            return KnownDataset.byId(data.strip());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--data: " + e.getMessage());
        }
    }

    /** Checks the options that need no file, so that mistakes show before anything is read or trained. */
    void check() {
        dataset();
        checkLimit("--limit-test", limitTest);
        mirrorUri();
    }

    /** The training set, its first {@code limit} samples if not {@code null}, normalised as the recipe says. */
    Dataset train(Integer limit) throws IOException {
        KnownDataset set = dataset();
        return prepared(set, loader().train(set), limit);
    }

    /** The test set, its first {@code --limit-test} samples if given, normalised as the recipe says. */
    Dataset test() throws IOException {
        KnownDataset set = dataset();
        return prepared(set, loader().test(set), limitTest);
    }

    /**
     * How the images are normalised beyond {@code x / 255}: CIFAR-10 per channel with the usual constants (the ResNet
     * paper's recipe normalises; per-channel statistics are the common modern stand-in for its per-pixel mean), the
     * MNIST sets not at all, as the seed's Keras code.
     */
    static Normalization normalization(KnownDataset set) {
        return set == KnownDataset.CIFAR10 ? Normalization.CIFAR10 : null;
    }

    static void checkLimit(String option, Integer limit) {
        if (limit != null && limit < 1) {
            throw new UsageException(option + " expects a number of images >= 1. Received: " + limit);
        }
    }

    private static Dataset prepared(KnownDataset set, Dataset full, Integer limit) {
        Dataset limited = limit == null ? full : full.limit(limit);
        Normalization normalization = normalization(set);
        return normalization == null ? limited : normalization.apply(limited);
    }

    /** The loader's lines already printed: it says where it reads from for the training and the test set alike. */
    private final Set<String> logged = new HashSet<>();

    private DatasetLoader loader() {
        DatasetLoader loader = DatasetLoader.standard().withLog(this::log)
                .withDownloads(!noDownload).withMirror(mirrorUri());
        return dataDir == null ? loader : loader.withDataDir(dataDir);
    }

    private void log(String line) {
        if (logged.add(line)) {
            System.err.println(line);
        }
    }

    private URI mirrorUri() {
        if (mirror == null) {
            return null;
        }
        try {
            URI uri = new URI(mirror.strip());
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new URISyntaxException(mirror, "expected an http or https URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UsageException("--mirror expects a folder URL such as http://127.0.0.1:8000/mnist/. Received: "
                    + mirror);
        }
    }
}
