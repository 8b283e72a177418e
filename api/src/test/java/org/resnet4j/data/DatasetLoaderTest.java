package org.resnet4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.resnet4j.data.DataFileBytes.bytes;
import static org.resnet4j.data.DataFileBytes.cifarRecords;
import static org.resnet4j.data.DataFileBytes.gzip;
import static org.resnet4j.data.DataFileBytes.idxImages;
import static org.resnet4j.data.DataFileBytes.idxLabels;
import static org.resnet4j.data.DataFileBytes.tar;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.resnet4j.tensor.Shape;

/**
 * Where the loader finds a data set's files (data folder, cache, system locations), how it downloads the missing ones
 * from a local server, and the one-line messages when it cannot. Nothing here touches the network or the Debian files.
 */
class DatasetLoaderTest {
    private static final String[] IDX_NAMES = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
        "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};

    @TempDir
    Path dir;

    /** Small IDX files: 3 training and 2 test images of 2x2, gzip-compressed as the mirrors publish them. */
    private static Map<String, byte[]> idxFiles() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(IDX_NAMES[0], gzip(idxImages(3, 2, 2, bytes(0, 51, 102, 153, 204, 255, 0, 0, 1, 2, 3, 4))));
        files.put(IDX_NAMES[1], gzip(idxLabels(3, bytes(7, 8, 9))));
        files.put(IDX_NAMES[2], gzip(idxImages(2, 2, 2, bytes(9, 9, 9, 9, 255, 255, 255, 255))));
        files.put(IDX_NAMES[3], gzip(idxLabels(2, bytes(1, 2))));
        return files;
    }

    private static void writeAll(Path folder, Map<String, byte[]> files) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path target = folder.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
    }

    private static String md5(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }

    /** The catalogue entries of {@code files}, with their real MD5 sums unless {@code wrongFor} names one. */
    private static List<RemoteFile> catalogue(Map<String, byte[]> files, String wrongFor) throws Exception {
        List<RemoteFile> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String sum = file.getKey().equals(wrongFor) ? "00000000000000000000000000000000" : md5(file.getValue());
            entries.add(new RemoteFile(file.getKey(), sum, 1 << 20));
        }
        return entries;
    }

    /** A loader that sees only this test's folders: cache under {@code dir/cache}, no system location. */
    private DatasetLoader isolated() {
        return DatasetLoader.standard().withCacheRoot(dir.resolve("cache")).withSystemLocations(Map.of())
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    private static String[] listing(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test
    void folder_isCacheRootSlashId_orTheDataDir() {
        DatasetLoader loader = isolated();
        assertThat(loader.folder(KnownDataset.FASHION_MNIST)).isEqualTo(dir.resolve("cache/fashion-mnist"));
        assertThat(loader.withDataDir(dir.resolve("mine")).folder(KnownDataset.CIFAR10)).isEqualTo(dir.resolve("mine"));
    }

    @Test
    void cacheRoot_propertyThenVariableThenHome() {
        assertThat(DatasetLoader.cacheRoot("/p", "/v", "/home/u")).isEqualTo(Path.of("/p"));
        assertThat(DatasetLoader.cacheRoot(null, "/v", "/home/u")).isEqualTo(Path.of("/v"));
        assertThat(DatasetLoader.cacheRoot(" ", "", "/home/u")).isEqualTo(Path.of("/home/u/.resnet4j/datasets"));
    }

    @Test
    void trainAndTest_fromTheCacheFolder_readTheIdxFiles() throws IOException {
        DatasetLoader loader = isolated().withDownloads(false);
        writeAll(loader.folder(KnownDataset.MNIST), idxFiles());
        Dataset train = loader.train(KnownDataset.MNIST);
        Dataset test = loader.test(KnownDataset.MNIST);
        assertThat(train.name()).isEqualTo("mnist/train");
        assertThat(train.labels()).containsExactly(7, 8, 9);
        assertThat(train.sampleShape()).isEqualTo(Shape.of(2, 2, 1));
        float[] first = new float[4];
        train.copySample(0, first, 0);
        assertThat(first).containsExactly(0f, 51 / 255f, 102 / 255f, 153 / 255f);
        assertThat(test.name()).isEqualTo("mnist/test");
        assertThat(test.labels()).containsExactly(1, 2);
    }

    @Test
    void trainAndTest_gunzippedFilesWithoutGz_areFoundToo() throws IOException {
        Map<String, byte[]> plain = new LinkedHashMap<>();
        plain.put("train-images-idx3-ubyte", idxImages(1, 1, 1, bytes(255)));
        plain.put("train-labels-idx1-ubyte", idxLabels(1, bytes(3)));
        plain.put("t10k-images-idx3-ubyte", idxImages(1, 1, 1, bytes(0)));
        plain.put("t10k-labels-idx1-ubyte", idxLabels(1, bytes(4)));
        Path mine = dir.resolve("mine");
        writeAll(mine, plain);
        DatasetLoader loader = isolated().withDownloads(false).withDataDir(mine);
        assertThat(loader.train(KnownDataset.FASHION_MNIST).labels()).containsExactly(3);
        assertThat(loader.test(KnownDataset.FASHION_MNIST).labels()).containsExactly(4);
    }

    @Test
    void systemLocation_isUsedWhenTheCacheFolderLacksTheFiles() throws IOException {
        Path debian = dir.resolve("usr/share/datasets/fashion-mnist");
        writeAll(debian, idxFiles());
        List<String> log = new ArrayList<>();
        DatasetLoader loader = isolated().withDownloads(false).withLog(log::add)
                .withSystemLocations(Map.of(KnownDataset.FASHION_MNIST, List.of(debian)));
        assertThat(loader.locate(KnownDataset.FASHION_MNIST)).isEqualTo(debian);
        assertThat(loader.train(KnownDataset.FASHION_MNIST).labels()).containsExactly(7, 8, 9);
        assertThat(log).contains("resnet4j: Reading fashion-mnist from " + debian);
        assertThatThrownBy(() -> loader.locate(KnownDataset.MNIST)).isInstanceOf(DatasetUnavailableException.class);
    }

    @Test
    void systemLocation_isIgnoredWhenADataDirIsGiven() throws IOException {
        Path debian = dir.resolve("debian");
        writeAll(debian, idxFiles());
        DatasetLoader loader = isolated().withDownloads(false).withDataDir(dir.resolve("mine"))
                .withSystemLocations(Map.of(KnownDataset.FASHION_MNIST, List.of(debian)));
        assertThatThrownBy(() -> loader.locate(KnownDataset.FASHION_MNIST))
                .isInstanceOf(DatasetUnavailableException.class);
    }

    @Test
    void standardLoader_looksInDebiansFolderForFashionMnistOnly() {
        assertThat(KnownDataset.FASHION_MNIST.systemLocations())
                .containsExactly(Path.of("/usr/share/datasets/fashion-mnist"));
        assertThat(KnownDataset.MNIST.systemLocations()).isEmpty();
        assertThat(KnownDataset.CIFAR10.systemLocations()).isEmpty();
    }

    @Test
    void missingFiles_downloadsOff_oneLineNamingEachPathAndTheRealUrl() {
        DatasetLoader loader = isolated().withDownloads(false);
        Path folder = loader.folder(KnownDataset.MNIST);
        String base = "https://ossci-datasets.s3.amazonaws.com/mnist/";
        StringBuilder expected = new StringBuilder("mnist: files missing and downloads are off. Place the files here "
                + "yourself: ");
        for (int i = 0; i < IDX_NAMES.length; i++) {
            expected.append(i == 0 ? "" : ", ").append(folder.resolve(IDX_NAMES[i])).append(" (from ").append(base)
                    .append(IDX_NAMES[i]).append(")");
        }
        assertThatThrownBy(() -> loader.train(KnownDataset.MNIST))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessage(expected.toString())
                .hasMessageNotContaining("\n");
    }

    @Test
    void download_missingFiles_fromTheMirror_verified_thenRead() throws Exception {
        Map<String, byte[]> files = idxFiles();
        try (LocalHttpServer server = new LocalHttpServer()) {
            files.forEach(server::put);
            List<String> log = new ArrayList<>();
            DatasetLoader loader = isolated().withMirror(server.folder("files")).withLog(log::add)
                    .withCatalogueFiles(KnownDataset.MNIST, catalogue(files, null));
            Dataset train = loader.train(KnownDataset.MNIST);
            assertThat(train.labels()).containsExactly(7, 8, 9);
            Path folder = loader.folder(KnownDataset.MNIST);
            assertThat(listing(folder)).containsExactlyInAnyOrder(IDX_NAMES);
            for (String name : IDX_NAMES) {
                assertThat(Files.readAllBytes(folder.resolve(name))).containsExactly(files.get(name));
            }
            assertThat(log).contains("resnet4j: Downloading " + server.folder("files") + IDX_NAMES[0] + " to "
                    + folder.resolve(IDX_NAMES[0]));
            assertThat(server.requests.get()).isEqualTo(4);
            loader.test(KnownDataset.MNIST);
            assertThat(server.requests.get()).isEqualTo(4);
        }
    }

    @Test
    void download_onlyTheFilesThatAreMissing() throws Exception {
        Map<String, byte[]> files = idxFiles();
        try (LocalHttpServer server = new LocalHttpServer()) {
            files.forEach(server::put);
            DatasetLoader loader = isolated().withMirror(server.folder("files"))
                    .withCatalogueFiles(KnownDataset.MNIST, catalogue(files, null));
            Path folder = loader.folder(KnownDataset.MNIST);
            Files.createDirectories(folder);
            Files.write(folder.resolve(IDX_NAMES[1]), files.get(IDX_NAMES[1]));
            Files.write(folder.resolve(IDX_NAMES[2]), files.get(IDX_NAMES[2]));
            loader.locate(KnownDataset.MNIST);
            assertThat(server.requests.get()).isEqualTo(2);
        }
    }

    @Test
    void download_wrongChecksum_deletesTheFile_oneLineWithBothSums() throws Exception {
        Map<String, byte[]> files = idxFiles();
        try (LocalHttpServer server = new LocalHttpServer()) {
            files.forEach(server::put);
            DatasetLoader loader = isolated().withMirror(server.folder("files"))
                    .withCatalogueFiles(KnownDataset.MNIST, catalogue(files, IDX_NAMES[1]));
            Path folder = loader.folder(KnownDataset.MNIST);
            URI url = server.folder("files").resolve(IDX_NAMES[1]);
            assertThatThrownBy(() -> loader.train(KnownDataset.MNIST))
                    .isInstanceOf(DatasetUnavailableException.class)
                    .hasMessageStartingWith("mnist: could not download " + url + " (MD5 " + md5(files.get(IDX_NAMES[1]))
                            + ", expected 00000000000000000000000000000000; deleted the download). Place the files here "
                            + "yourself: " + folder.resolve(IDX_NAMES[1]) + " (from " + url + "), ");
            // The first file was verified and kept; the bad one left nothing, not even a temporary file.
            assertThat(listing(folder)).containsExactly(IDX_NAMES[0]);
        }
    }

    @Test
    void download_notFound_oneLineWithTheStatusAndWhereToPlaceTheFiles() throws Exception {
        try (LocalHttpServer server = new LocalHttpServer()) {
            DatasetLoader loader = isolated().withMirror(server.folder("files"));
            Path folder = loader.folder(KnownDataset.FASHION_MNIST);
            URI url = server.folder("files").resolve(IDX_NAMES[0]);
            assertThatThrownBy(() -> loader.test(KnownDataset.FASHION_MNIST))
                    .isInstanceOf(DatasetUnavailableException.class)
                    .hasMessageStartingWith("fashion-mnist: could not download " + url + " (HTTP 404 Not Found). "
                            + "Place the files here yourself: " + folder.resolve(IDX_NAMES[0]) + " (from " + url + ")")
                    .hasMessageContaining(folder.resolve(IDX_NAMES[3]).toString());
            assertThat(listing(folder)).isEmpty();
        }
    }

    @Test
    void download_serverDown_oneLineThatSaysWhereToPlaceTheFiles() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        URI mirror = URI.create("http://127.0.0.1:" + port + "/cifar");
        DatasetLoader loader = isolated().withMirror(mirror);
        Path archive = loader.folder(KnownDataset.CIFAR10).resolve("cifar-10-binary.tar.gz");
        String url = "http://127.0.0.1:" + port + "/cifar/cifar-10-binary.tar.gz";
        assertThatThrownBy(() -> loader.train(KnownDataset.CIFAR10))
                .isInstanceOf(DatasetUnavailableException.class)
                .hasMessageStartingWith("cifar10: could not download " + url + " (could not connect: ")
                .hasMessageEndingWith("). Place the files here yourself: " + archive + " (from " + url + ")")
                .hasMessageNotContaining("\n");
    }

    private static Map<String, byte[]> cifarMembers() {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int i = 1; i <= 5; i++) {
            members.put("cifar-10-batches-bin/data_batch_" + i + ".bin", cifarRecords(i));
        }
        members.put("cifar-10-batches-bin/test_batch.bin", cifarRecords(0, 9));
        return members;
    }

    @Test
    void cifar_downloadedArchive_isReadWithoutExtracting() throws Exception {
        byte[] archive = gzip(tar(cifarMembers()));
        try (LocalHttpServer server = new LocalHttpServer().put("cifar-10-binary.tar.gz", archive)) {
            DatasetLoader loader = isolated().withMirror(server.folder("files")).withCatalogueFiles(
                    KnownDataset.CIFAR10, List.of(new RemoteFile("cifar-10-binary.tar.gz", md5(archive), 1 << 20)));
            Dataset train = loader.train(KnownDataset.CIFAR10);
            assertThat(train.name()).isEqualTo("cifar10/train");
            assertThat(train.labels()).containsExactly(1, 2, 3, 4, 5);
            assertThat(train.sampleShape()).isEqualTo(Shape.of(32, 32, 3));
            assertThat(loader.test(KnownDataset.CIFAR10).labels()).containsExactly(0, 9);
            assertThat(listing(loader.folder(KnownDataset.CIFAR10))).containsExactly("cifar-10-binary.tar.gz");
        }
    }

    @Test
    void cifar_extractedBatches_areReadAsFiles() throws IOException {
        Path mine = dir.resolve("mine");
        Map<String, byte[]> members = cifarMembers();
        writeAll(mine, members);
        DatasetLoader loader = isolated().withDownloads(false).withDataDir(mine);
        assertThat(loader.train(KnownDataset.CIFAR10).labels()).containsExactly(1, 2, 3, 4, 5);
        assertThat(loader.test(KnownDataset.CIFAR10).labels()).containsExactly(0, 9);
    }

    @Test
    void badFileInPlace_isTheReadersOneLineError() throws IOException {
        DatasetLoader loader = isolated().withDownloads(false);
        Map<String, byte[]> files = idxFiles();
        files.put(IDX_NAMES[1], gzip(idxLabels(3, bytes(7, 80, 9))));
        writeAll(loader.folder(KnownDataset.MNIST), files);
        Path labels = loader.folder(KnownDataset.MNIST).resolve(IDX_NAMES[1]);
        assertThatThrownBy(() -> loader.train(KnownDataset.MNIST))
                .isInstanceOf(DataFileException.class)
                .hasMessage(labels + ": expected labels in [0, 10). Received: 80 at sample 1");
    }
}
