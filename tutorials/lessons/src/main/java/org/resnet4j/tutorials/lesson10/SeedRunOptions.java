package org.resnet4j.tutorials.lesson10;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The command-line options of lesson 10: which data set, where its files are, how much of it to use, and how long
 * to train. The defaults are the quick run; {@code --full} is the seed's recipe (all 60,000 images, 10 epochs).
 *
 * @param data        {@code mnist} or {@code fashion-mnist}
 * @param dataDir     the folder that holds the four IDX files, or {@code null} for the loader's own search
 * @param trainLimit  how many training images to use (the first ones), before the validation split
 * @param testLimit   how many test images to evaluate on (the first ones)
 * @param epochs      epochs to train
 * @param batchSize   samples per step
 * @param backend     the backend's name, or {@code null} for the default one
 * @param seed        the seed of the shuffling
 */
public record SeedRunOptions(String data, Path dataDir, int trainLimit, int testLimit, int epochs, int batchSize,
        String backend, long seed) {
    /** The quick run's number of training images (before the validation split). */
    public static final int QUICK_TRAIN = 2_000;
    /** The quick run's number of test images. */
    public static final int QUICK_TEST = 1_000;
    /** The seed's recipe: batch size 128. */
    public static final int SEED_BATCH = 128;
    /** The seed's recipe: 10 epochs. */
    public static final int SEED_EPOCHS = 10;
    /** The seed's recipe: the last 10% of the training images validate. */
    public static final double SEED_VALIDATION_SPLIT = 0.1;

    /** Reads {@code --full}, {@code --data}, {@code --data-dir}, {@code --limit-train}, {@code --limit-test},
     * {@code --epochs}, {@code --batch-size}, {@code --backend} and {@code --seed}; later options win. */
    public static SeedRunOptions parse(String... args) {
        String data = "fashion-mnist";
        Path dataDir = null;
        int train = QUICK_TRAIN;
        int test = QUICK_TEST;
        int epochs = 1;
        int batch = SEED_BATCH;
        String backend = null;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--full")) {
                train = Integer.MAX_VALUE;
                test = Integer.MAX_VALUE;
                epochs = SEED_EPOCHS;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Lesson 10 expects a value after " + option + ". Received: none");
            }
            String value = args[++i];
            switch (option) {
                case "--data" -> data = value.toLowerCase(Locale.ROOT);
                case "--data-dir" -> dataDir = Path.of(value);
                case "--limit-train" -> train = positive(option, value);
                case "--limit-test" -> test = positive(option, value);
                case "--epochs" -> epochs = positive(option, value);
                case "--batch-size" -> batch = positive(option, value);
                case "--backend" -> backend = value;
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("Lesson 10 expects one of --full, --data, --data-dir, "
                        + "--limit-train, --limit-test, --epochs, --batch-size, --backend, --seed. Received: "
                        + option);
            }
        }
        if (!data.equals("mnist") && !data.equals("fashion-mnist")) {
            throw new IllegalArgumentException("Lesson 10 expects --data mnist or fashion-mnist. Received: " + data);
        }
        return new SeedRunOptions(data, dataDir, train, test, epochs, batch, backend, seed);
    }

    private static int positive(String option, String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException("Lesson 10 expects " + option + " >= 1. Received: " + value);
        }
        return n;
    }
}
