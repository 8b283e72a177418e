package org.resnet4j.bench.onnxruntime;

import ai.onnxruntime.OrtException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.resnet4j.bench.Benchmark;
import org.resnet4j.bench.BenchmarkPlan;
import org.resnet4j.bench.BenchmarkRecord;
import org.resnet4j.bench.BenchmarkResult;
import org.resnet4j.bench.ProgressBar;

/**
 * Times one exported torchvision ResNet on ONNX Runtime Java, the yardstick of the inference benchmark: first checks
 * its logits for the saved input against PyTorch's ({@link LogitsCheck}; exits with 1 and says why when they
 * differ), then for each batch size warms up and times it with the loop of {@code org.resnet4j.bench.Benchmark}
 * and prints a {@code bench-result onnxruntime ...} line ({@link BenchmarkRecord}). Progress goes to standard
 * error, records to standard output.
 *
 * <pre>
 * OnnxRuntimeBenchmark --models DIR [--network resnet50|resnet18] [--batches 1,8] [--threads 2] [--warmup 5]
 *                      [--warmup-seconds 10] [--runs 10] [--tolerance 1e-3]
 * </pre>
 */
public final class OnnxRuntimeBenchmark {
    static final String ENGINE = "onnxruntime";
    /** The Java benchmark's input seed; the values do not change the time, only make runs repeatable. */
    static final long INPUT_SEED = 2015L;

    private OnnxRuntimeBenchmark() {
    }

    /** Runs the check and the benchmark; see the class comment for the options. */
    public static void main(String[] args) throws Exception {
        OnnxRuntimeOptions options;
        try {
            options = OnnxRuntimeOptions.parse(args);
            requireExported(options);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(OnnxRuntimeOptions.USAGE);
            System.exit(2);
            return;
        }
        String label = ENGINE + " " + options.network();
        System.err.printf("%s: ONNX Runtime %s, %s, %d intra-op threads, 1 inter-op thread, sequential, all"
                + " optimisations%n", label, OnnxRuntimeModel.version(), options.modelFile(), options.threads());
        try (OnnxRuntimeModel model = new OnnxRuntimeModel(options.modelFile(), options.threads())) {
            try {
                checkAgainstPyTorch(model, options, label);
            } catch (IllegalStateException e) {
                System.err.println(e.getMessage());
                System.exit(1);
                return;
            }
            BenchmarkPlan plan = new BenchmarkPlan(options.warmup(), options.runs(), options.warmupSeconds());
            for (int batch : options.batches()) {
                float[] images = images(batch);
                BenchmarkResult result = new Benchmark().run(label, batch, plan, () -> predict(model, images, batch),
                        new ProgressBar(System.err, label + " batch " + batch));
                System.err.println(result.describe());
                System.out.println(BenchmarkRecord.of(ENGINE, options.network(), result).toLine());
                System.out.flush();
            }
        }
    }

    /** Checks the model's logits for the saved input against PyTorch's; returns the relative difference. */
    static double checkAgainstPyTorch(OnnxRuntimeModel model, OnnxRuntimeOptions options, String label)
            throws IOException, OrtException {
        float[] input = Float32File.read(options.checkInputFile());
        float[] expected = Float32File.read(options.checkLogitsFile());
        int perImage = OnnxRuntimeModel.CHANNELS * OnnxRuntimeModel.IMAGE_SIZE * OnnxRuntimeModel.IMAGE_SIZE;
        if (input.length % perImage != 0 || input.length == 0) {
            throw new IllegalStateException(label + ": " + options.checkInputFile() + " expects N x 3 x 224 x 224"
                    + " floats. Received: " + input.length);
        }
        float[] actual = model.predict(input, input.length / perImage);
        double relative = new LogitsCheck(label, options.tolerance()).verify(actual, expected);
        System.err.printf("%s: logits of the check input (batch %d) match PyTorch's within %.2g of their scale%n",
                label, input.length / perImage, relative);
        return relative;
    }

    private static void requireExported(OnnxRuntimeOptions options) {
        for (Path file : new Path[] {options.modelFile(), options.checkInputFile(), options.checkLogitsFile()}) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--models: expected " + file + " (written by /usr/bin/python3"
                        + " bench/export_onnx.py --out " + options.models() + "). Received: no such file");
            }
        }
    }

    private static void predict(OnnxRuntimeModel model, float[] images, int batch) {
        try {
            model.predict(images, batch);
        } catch (OrtException e) {
            throw new IllegalStateException(ENGINE + ": a forward pass failed: " + e.getMessage(), e);
        }
    }

    /** {@code n} images of normally distributed pixels, NCHW. */
    static float[] images(int n) {
        Random rng = new Random(INPUT_SEED);
        float[] data = new float[n * OnnxRuntimeModel.CHANNELS * OnnxRuntimeModel.IMAGE_SIZE
                * OnnxRuntimeModel.IMAGE_SIZE];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) rng.nextGaussian();
        }
        return data;
    }
}
