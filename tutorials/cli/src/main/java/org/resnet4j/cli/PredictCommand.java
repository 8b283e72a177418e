package org.resnet4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.resnet4j.models.imagenet.ImageNetClasses;
import org.resnet4j.models.imagenet.Prediction;
import org.resnet4j.models.imagenet.Predictions;
import org.resnet4j.models.imagenet.Preprocessing;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Softmax;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code resnet4j predict}: classifies photos with an ImageNet model and published weights, printing the top classes
 * of each image as (WordNet id, class name, probability), like Keras' {@code decode_predictions}. Each image is
 * resized so that its shorter side is {@code SIDE / 0.875} (256 for 224), centre-cropped to {@code SIDE} and
 * preprocessed the way the weights were trained.
 */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify images with ImageNet weights; print (wnid, name, probability) of the top classes.")
public final class PredictCommand implements Callable<Integer> {
    /** The evaluation crop is this fraction of the resized shorter side (224 of 256), as torchvision and Keras do. */
    static final double CROP_FRACTION = 0.875;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "An ImageNet model: resnet18 .. resnet152 (1000 classes).")
    String model;

    @Option(names = "--variant", paramLabel = "VARIANT", converter = ModelVariant.Converter.class,
            description = "Conventions the weights were trained with: torchvision (default), keras, blog, or "
                    + "keras-seed (the seed's Keras ResNet50 file).")
    ModelVariant variant;

    @Option(names = "--weights", required = true, paramLabel = "FILE", description = "ImageNet weights to load.")
    Path weights;

    @Option(names = "--format", paramLabel = "auto|torchvision|keras-h5|resnet4j", defaultValue = "auto",
            description = "Format of --weights (default: ${DEFAULT-VALUE}, from the file's content).")
    String format;

    @Option(names = "--top", paramLabel = "K", defaultValue = "5",
            description = "How many classes to print per image (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--preprocessing", paramLabel = "torch|caffe",
            description = "Input normalisation: torch (torchvision weights) or caffe (Keras weights); default: torch "
                    + "for the torchvision variant, caffe otherwise.")
    Preprocessing preprocessing;

    @Option(names = "--input", paramLabel = "SIDE", defaultValue = "224",
            description = "Side of the centre crop fed to the model (default: ${DEFAULT-VALUE}).")
    int input;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "tf, nd4j, jcuda (default: the backend chosen as `resnet4j backends` shows).")
    String backend;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "JPEG, PNG, BMP or GIF files.")
    List<Path> images;

    @Override
    public Integer call() {
        if (top < 1 || top > ImageNetClasses.COUNT) {
            throw new UsageException("--top expects a number in [1, " + ImageNetClasses.COUNT + "]. Received: " + top);
        }
        for (Path image : images) {
            if (!Files.isRegularFile(image)) {
                throw new IllegalStateException("Image " + image + " does not exist or is not a file");
            }
        }
        Model m = ModelResolver.resolve(model, variant, input);
        int classes = m.outputs().get(0).shape().dim(0);
        if (classes != ImageNetClasses.COUNT) {
            throw new UsageException("predict needs an ImageNet model with " + ImageNetClasses.COUNT + " classes; "
                    + model + " has " + classes);
        }
        String usedFormat = ModelWeights.load(m, weights, format);
        Preprocessing prep = preprocessing != null ? preprocessing
                : variant == null || variant == ModelVariant.TORCHVISION ? Preprocessing.TORCH : Preprocessing.CAFFE;
        boolean outputsProbabilities = m.outputs().get(0).layer() instanceof Softmax;
        int resize = (int) Math.round(input / CROP_FRACTION);

        try (Backend b = BackendChoice.open(backend); CompiledModel compiled = b.compile(m)) {
            System.out.printf("%s (%s weights %s) on %s, %s preprocessing, resize %d, crop %d%n", m.name(), usedFormat,
                    weights, b.name(), prep.name().toLowerCase(Locale.ROOT), resize, input);
            for (Path image : images) {
                HostTensor x = prep.load(image, resize, input);
                HostTensor y = compiled.predict(x);
                HostTensor probabilities = outputsProbabilities ? y : softmax(y);
                System.out.println(image);
                List<Prediction> best = Predictions.decodePredictions(probabilities, top).get(0);
                for (int i = 0; i < best.size(); i++) {
                    Prediction p = best.get(i);
                    System.out.printf("  %d. %s  %-30s %.4f%n", i + 1, p.wnid(), p.name(), p.probability());
                }
            }
        }
        return ExitCodes.OK;
    }

    /** Softmax of every row, in double with the row's maximum subtracted first so that large logits cannot overflow. */
    static HostTensor softmax(HostTensor logits) {
        int rows = logits.shape().dim(0);
        int cols = logits.size() / rows;
        float[] in = logits.data();
        float[] out = new float[in.length];
        for (int r = 0; r < rows; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, in[r * cols + c]);
            }
            double sum = 0;
            double[] e = new double[cols];
            for (int c = 0; c < cols; c++) {
                e[c] = Math.exp(in[r * cols + c] - max);
                sum += e[c];
            }
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = (float) (e[c] / sum);
            }
        }
        return HostTensor.of(logits.shape(), out);
    }
}
