package org.resnet4j.tutorials.lesson11;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The command-line options of lesson 11. The defaults are the quick run (plain against residual at depths 8 and 14
 * on 1,280 training images for 3 epochs, and a few steps of ResNet-20 to project the full recipe's time);
 * {@code --full} trains ResNet-20 with the paper's whole recipe instead.
 *
 * @param dataDir     the folder with CIFAR-10's binary files (or its archive), or {@code null} for the loader's search
 * @param trainLimit  how many training images the comparison uses (the first ones)
 * @param testLimit   how many test images each network is evaluated on (the first ones)
 * @param epochs      epochs of the comparison
 * @param batchSize   samples per step
 * @param depths      the two depths the comparison trains, plain and residual each
 * @param probeSteps  steps of ResNet-20 timed to project the full recipe
 * @param full        train ResNet-20 with the full recipe (all images, 164 epochs) instead of the comparison
 * @param backend     the backend's name, or {@code null} for the default one
 * @param seed        the seed of the shuffling and the augmentation
 */
public record CifarRunOptions(Path dataDir, int trainLimit, int testLimit, int epochs, int batchSize, int[] depths,
        int probeSteps, boolean full, String backend, long seed) {
    /** The paper's batch size. */
    public static final int PAPER_BATCH = 128;

    /**
     * Reads {@code --full}, {@code --data-dir}, {@code --limit-train}, {@code --limit-test}, {@code --epochs},
     * {@code --batch-size}, {@code --depths A,B}, {@code --probe-steps}, {@code --backend} and {@code --seed}.
     */
    public static CifarRunOptions parse(String... args) {
        Path dataDir = null;
        int train = 1_280;
        int test = 500;
        int epochs = 3;
        int batch = PAPER_BATCH;
        int[] depths = {8, 14};
        int probe = 3;
        boolean full = false;
        String backend = null;
        long seed = 42;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--full")) {
                full = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Lesson 11 expects a value after " + option + ". Received: none");
            }
            String value = args[++i];
            switch (option) {
                case "--data-dir" -> dataDir = Path.of(value);
                case "--limit-train" -> train = positive(option, value);
                case "--limit-test" -> test = positive(option, value);
                case "--epochs" -> epochs = positive(option, value);
                case "--batch-size" -> batch = positive(option, value);
                case "--depths" -> depths = Arrays.stream(value.split(",")).mapToInt(d -> positive(option, d.trim()))
                        .toArray();
                case "--probe-steps" -> probe = positive(option, value);
                case "--backend" -> backend = value;
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("Lesson 11 expects one of --full, --data-dir, "
                        + "--limit-train, --limit-test, --epochs, --batch-size, --depths, --probe-steps, --backend, "
                        + "--seed. Received: " + option);
            }
        }
        if (depths.length != 2) {
            throw new IllegalArgumentException("Lesson 11 expects --depths with two depths, such as 8,14. Received: "
                    + Arrays.toString(depths));
        }
        return new CifarRunOptions(dataDir, train, test, epochs, batch, depths, probe, full, backend, seed);
    }

    private static int positive(String option, String value) {
        int n = Integer.parseInt(value);
        if (n < 1) {
            throw new IllegalArgumentException("Lesson 11 expects " + option + " >= 1. Received: " + value);
        }
        return n;
    }
}
