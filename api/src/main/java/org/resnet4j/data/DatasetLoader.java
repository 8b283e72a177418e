package org.resnet4j.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Finds a {@link KnownDataset}'s files on this machine, or downloads them, and reads its training and test sets.
 *
 * <p>The files are looked for in the data folder: the one given with {@link #withDataDir}, else
 * {@code CACHE/ID} under the cache root ({@code -Dresnet4j.datasets}, else {@code RESNET4J_DATASETS}, else
 * {@code ~/.resnet4j/datasets}). Without a data folder of its own, a data set is then looked for in its
 * {@link KnownDataset#systemLocations() system locations} (Debian's {@code /usr/share/datasets/fashion-mnist}). Missing
 * files are downloaded into the data folder, each checked against its published MD5 sum before it takes its name.
 * Files found in place are not checksummed (Debian recompresses them); the readers check their format.
 */
public final class DatasetLoader {
    /** The system property that sets the cache root. */
    public static final String CACHE_PROPERTY = "resnet4j.datasets";

    /** The environment variable that sets the cache root when the property does not. */
    public static final String CACHE_VARIABLE = "RESNET4J_DATASETS";

    /** How long a connection may take to open. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(20);

    /** How long a download may wait for its next bytes. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    private static final String CIFAR_FOLDER = "cifar-10-batches-bin";

    private final Path cacheRoot;
    private final Path dataDir;
    private final boolean downloads;
    private final URI mirror;
    private final Map<KnownDataset, List<Path>> systemLocations;
    private final Consumer<String> log;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final Map<KnownDataset, List<RemoteFile>> catalogue;

    private DatasetLoader(Path cacheRoot, Path dataDir, boolean downloads, URI mirror,
            Map<KnownDataset, List<Path>> systemLocations, Consumer<String> log, Duration connectTimeout,
            Duration readTimeout, Map<KnownDataset, List<RemoteFile>> catalogue) {
        this.cacheRoot = cacheRoot;
        this.dataDir = dataDir;
        this.downloads = downloads;
        this.mirror = mirror;
        this.systemLocations = systemLocations;
        this.log = log;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.catalogue = catalogue;
    }

    /**
     * A loader with the default cache root, the system locations, downloads from each data set's own mirror and the
     * default timeouts, which logs nothing.
     */
    public static DatasetLoader standard() {
        return new DatasetLoader(defaultCacheRoot(), null, true, null, null, line -> { }, DEFAULT_CONNECT_TIMEOUT,
                DEFAULT_READ_TIMEOUT, Map.of());
    }

    /** The cache root: {@code -Dresnet4j.datasets}, else {@code RESNET4J_DATASETS}, else {@code ~/.resnet4j/datasets}. */
    public static Path defaultCacheRoot() {
        return cacheRoot(System.getProperty(CACHE_PROPERTY), System.getenv(CACHE_VARIABLE),
                System.getProperty("user.home"));
    }

    static Path cacheRoot(String property, String variable, String home) {
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        if (variable != null && !variable.isBlank()) {
            return Path.of(variable);
        }
        return Path.of(home, ".resnet4j", "datasets");
    }

    /** This loader with data sets cached under {@code root}, each in its own folder {@code root/ID}. */
    public DatasetLoader withCacheRoot(Path root) {
        return new DatasetLoader(Objects.requireNonNull(root), dataDir, downloads, mirror, systemLocations, log,
                connectTimeout, readTimeout, catalogue);
    }

    /**
     * This loader with the data set's files in {@code dir} (looked for there, downloaded there), instead of the
     * cache folder and the system locations; {@code null} goes back to those.
     */
    public DatasetLoader withDataDir(Path dir) {
        return new DatasetLoader(cacheRoot, dir, downloads, mirror, systemLocations, log, connectTimeout, readTimeout, catalogue);
    }

    /** This loader with downloads allowed or not; without them, missing files are an error that says where to put them. */
    public DatasetLoader withDownloads(boolean allowed) {
        return new DatasetLoader(cacheRoot, dataDir, allowed, mirror, systemLocations, log, connectTimeout,
                readTimeout, catalogue);
    }

    /**
     * This loader downloading every file from the folder URL {@code base} (a local mirror) instead of each data set's
     * own; the checksums stay the published ones. {@code null} goes back to the data sets' mirrors.
     */
    public DatasetLoader withMirror(URI base) {
        URI folder = base == null || base.toString().endsWith("/") ? base : URI.create(base + "/");
        return new DatasetLoader(cacheRoot, dataDir, downloads, folder, systemLocations, log, connectTimeout,
                readTimeout, catalogue);
    }

    /** This loader looking in {@code locations} instead of each data set's {@link KnownDataset#systemLocations()}. */
    public DatasetLoader withSystemLocations(Map<KnownDataset, List<Path>> locations) {
        return new DatasetLoader(cacheRoot, dataDir, downloads, mirror, Map.copyOf(locations), log, connectTimeout,
                readTimeout, catalogue);
    }

    /** This loader telling {@code log} what it downloads and which folder it reads, one line each. */
    public DatasetLoader withLog(Consumer<String> lineLog) {
        return new DatasetLoader(cacheRoot, dataDir, downloads, mirror, systemLocations, Objects.requireNonNull(lineLog),
                connectTimeout, readTimeout, catalogue);
    }

    /** This loader with the given connection and read timeouts for downloads. */
    public DatasetLoader withTimeouts(Duration connect, Duration read) {
        return new DatasetLoader(cacheRoot, dataDir, downloads, mirror, systemLocations, log,
                Objects.requireNonNull(connect), Objects.requireNonNull(read), catalogue);
    }

    /** This loader with other files (names, checksums, limits) for {@code set}: for tests with small generated files. */
    DatasetLoader withCatalogueFiles(KnownDataset set, List<RemoteFile> files) {
        Map<KnownDataset, List<RemoteFile>> changed = new java.util.EnumMap<>(KnownDataset.class);
        changed.putAll(catalogue);
        changed.put(set, List.copyOf(files));
        return new DatasetLoader(cacheRoot, dataDir, downloads, mirror, systemLocations, log, connectTimeout,
                readTimeout, changed);
    }

    private List<RemoteFile> files(KnownDataset set) {
        return catalogue.getOrDefault(set, set.files());
    }

    /** The data folder of {@code set}: where its files are looked for first and downloaded to. */
    public Path folder(KnownDataset set) {
        return dataDir != null ? dataDir : cacheRoot.resolve(set.id());
    }

    /** The training set, {@code "ID/train"}: 60000 images for MNIST and Fashion-MNIST, 50000 for CIFAR-10. */
    public Dataset train(KnownDataset set) throws IOException {
        return read(set, true);
    }

    /** The test set, {@code "ID/test"}: 10000 images for every known data set. */
    public Dataset test(KnownDataset set) throws IOException {
        return read(set, false);
    }

    /**
     * The folder that holds {@code set}'s files, downloading the missing ones into the data folder when needed.
     *
     * @throws DatasetUnavailableException when files are missing and cannot be downloaded
     */
    public Path locate(KnownDataset set) throws IOException {
        Path folder = folder(set);
        if (missing(set, folder).isEmpty()) {
            return folder;
        }
        if (dataDir == null) {
            for (Path location : systemLocations(set)) {
                if (Files.isDirectory(location) && missing(set, location).isEmpty()) {
                    log.accept("resnet4j: Reading " + set.id() + " from " + location);
                    return location;
                }
            }
        }
        List<RemoteFile> missing = missing(set, folder);
        if (!downloads) {
            throw new DatasetUnavailableException(set.id() + ": files missing and downloads are off. "
                    + placeYourself(set, folder, missing));
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new DatasetUnavailableException(set.id() + ": could not create the folder " + folder + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "). " + placeYourself(set, folder,
                    missing));
        }
        Downloader downloader = new Downloader(connectTimeout, readTimeout);
        for (RemoteFile file : missing) {
            URI url = file.url(base(set));
            Path target = folder.resolve(file.name());
            log.accept("resnet4j: Downloading " + url + " to " + target);
            try {
                long size = downloader.download(url, target, file.md5(), file.maxBytes());
                log.accept("resnet4j: Downloaded " + target + " (" + size + " bytes, MD5 " + file.md5() + " checked)");
            } catch (IOException e) {
                throw new DatasetUnavailableException(set.id() + ": could not download " + url + " ("
                        + e.getMessage() + "). " + placeYourself(set, folder, missing(set, folder)));
            }
        }
        return folder;
    }

    private Dataset read(KnownDataset set, boolean training) throws IOException {
        Path folder = locate(set);
        String name = set.id() + (training ? "/train" : "/test");
        if (set == KnownDataset.CIFAR10) {
            return readCifar(set, folder, name, training);
        }
        int first = training ? 0 : 2;
        Path images = localFile(folder, files(set).get(first).name());
        Path labels = localFile(folder, files(set).get(first + 1).name());
        return IdxReader.read(name, images, labels, set.classes());
    }

    private Dataset readCifar(KnownDataset set, Path folder, String name, boolean training)
            throws IOException {
        List<String> batchFiles = training ? CifarReader.TRAIN_FILES : CifarReader.TEST_FILES;
        for (Path extracted : List.of(folder.resolve(CIFAR_FOLDER), folder)) {
            if (allExist(extracted, batchFiles)) {
                return CifarReader.read(name, batchFiles.stream().map(extracted::resolve).toList());
            }
        }
        return CifarReader.readArchive(name, folder.resolve(files(set).get(0).name()), batchFiles);
    }

    /**
     * The catalogue files not found in {@code folder}. An IDX file counts as found gunzipped too (without
     * {@code .gz}); CIFAR-10 counts as found when its batches are there extracted.
     */
    private List<RemoteFile> missing(KnownDataset set, Path folder) {
        if (set == KnownDataset.CIFAR10) {
            List<String> all = new ArrayList<>(CifarReader.TRAIN_FILES);
            all.addAll(CifarReader.TEST_FILES);
            if (allExist(folder.resolve(CIFAR_FOLDER), all) || allExist(folder, all)) {
                return List.of();
            }
        }
        return files(set).stream().filter(file -> localFile(folder, file.name()) == null).toList();
    }

    /** {@code folder/name}, else the gunzipped {@code folder/name-without-.gz}, else {@code null}. */
    private static Path localFile(Path folder, String name) {
        Path file = folder.resolve(name);
        if (Files.isRegularFile(file)) {
            return file;
        }
        if (name.endsWith(".gz") && !name.endsWith(".tar.gz")) {
            Path plain = folder.resolve(name.substring(0, name.length() - 3));
            if (Files.isRegularFile(plain)) {
                return plain;
            }
        }
        return null;
    }

    private static boolean allExist(Path folder, List<String> names) {
        return names.stream().allMatch(name -> Files.isRegularFile(folder.resolve(name)));
    }

    private List<Path> systemLocations(KnownDataset set) {
        return systemLocations == null ? set.systemLocations() : systemLocations.getOrDefault(set, List.of());
    }

    private URI base(KnownDataset set) {
        return mirror != null ? mirror : set.mirror();
    }

    private String placeYourself(KnownDataset set, Path folder, List<RemoteFile> missing) {
        return "Place the files here yourself: " + missing.stream()
                .map(file -> folder.resolve(file.name()) + " (from " + file.url(base(set)) + ")")
                .collect(Collectors.joining(", "));
    }
}
