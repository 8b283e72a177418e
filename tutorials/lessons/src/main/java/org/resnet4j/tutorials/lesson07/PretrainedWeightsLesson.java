package org.resnet4j.tutorials.lesson07;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.resnet4j.Backends;
import org.resnet4j.io.Safetensors;
import org.resnet4j.models.imagenet.ImageNetClasses;
import org.resnet4j.models.imagenet.Prediction;
import org.resnet4j.models.imagenet.Predictions;
import org.resnet4j.models.imagenet.Preprocessing;
import org.resnet4j.models.imagenet.RgbImage;
import org.resnet4j.models.io.KerasH5Weights;
import org.resnet4j.models.io.TorchvisionImporter;
import org.resnet4j.models.io.TorchvisionNames;
import org.resnet4j.models.resnet.ResNet;
import org.resnet4j.models.resnet.ResNetConfig;
import org.resnet4j.models.resnet.ResNets;
import org.resnet4j.nn.Model;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;

/**
 * Lesson 7: loading weights trained elsewhere and classifying a picture with them.
 *
 * <p>With no arguments nothing is downloaded: the lesson writes a torchvision-format weight file from a seeded random
 * ResNet-18, loads it back with the importer, draws a picture, preprocesses it and prints the top-5 classes, which
 * mean nothing because the weights are random. With arguments {@code WEIGHTS IMAGE [keras-seed|keras-applications]}
 * it classifies for real: {@code WEIGHTS} is a torchvision state_dict saved as {@code .safetensors} or a Keras
 * {@code .h5} file, {@code IMAGE} a JPEG, PNG, BMP or GIF.
 */
public final class PretrainedWeightsLesson {
    static final String USAGE = "usage: PretrainedWeightsLesson [WEIGHTS IMAGE [keras-seed|keras-applications]]";
    private static final long SEED = 7;

    private PretrainedWeightsLesson() {
    }

    /** No arguments: the whole path on a file made here. {@code WEIGHTS IMAGE [ARCH]}: classify for real. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            demonstrate();
        } else if (args.length == 2 || args.length == 3) {
            classify(Path.of(args[0]), Path.of(args[1]), args.length == 3 ? args[2] : "keras-seed");
        } else {
            throw new IllegalArgumentException(USAGE + ". Received " + args.length + " arguments: "
                    + String.join(" ", args));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    static void demonstrate() throws IOException {
        Path dir = Files.createTempDirectory("resnet4j-lesson07");
        // Files registered later are deleted first, so the directory is empty when its turn comes.
        dir.toFile().deleteOnExit();
        System.out.println("== 1. A torchvision weight file, made here (nothing can be downloaded in this lesson)");
        Model original = ResNets.torchvision(18).initialize(SEED);
        fillVectorsLikeATrainedNetwork(original);
        System.out.printf(Locale.ROOT, "ResNet-18 with seeded random weights (seed %d): %,d trainable parameters%n",
                SEED, original.trainableParameterCount());
        Path weights = dir.resolve("resnet18-random.safetensors");
        weights.toFile().deleteOnExit();
        TorchvisionStateDict.write(original, weights);
        Map<String, HostTensor> stateDict = Safetensors.read(weights).tensors();
        System.out.printf(Locale.ROOT, "wrote %s: %d tensors, %.1f MB%n", weights, stateDict.size(),
                Files.size(weights) / 1e6);
        for (String name : List.of("conv1.weight", "bn1.running_var", "bn1.num_batches_tracked",
                "layer2.0.conv1.weight", "layer2.0.downsample.0.weight", "fc.weight")) {
            System.out.printf("  %-30s %s%n", name, stateDict.get(name).shape());
        }
        System.out.println();

        System.out.println("== 2. Loading it back (Safetensors.read, then TorchvisionImporter.load)");
        ResNetConfig config = Architectures.torchvision(stateDict);
        System.out.println("recognised from the tensor names: " + config.name() + ", "
                + config.blockType().toString().toLowerCase(Locale.ROOT) + " blocks " + config.stageBlocks() + ", "
                + config.classes() + " classes");
        Model loaded = ResNet.build(config); // initialised with Model.DEFAULT_SEED, not with SEED
        int equalBefore = equalTensors(original, loaded);
        TorchvisionImporter.load(loaded.parameters(), stateDict, TorchvisionNames.network());
        long skipped = stateDict.keySet().stream().filter(n -> n.endsWith(".num_batches_tracked")).count();
        System.out.printf("parameter tensors equal to the original, bit for bit: %d of %d in a fresh model, %d of %d "
                + "after loading (%d num_batches_tracked skipped)%n", equalBefore, original.parameters().names().size(),
                equalTensors(original, loaded), original.parameters().names().size(), skipped);
        try {
            TorchvisionImporter.load(ResNets.torchvision(34).parameters(), stateDict, TorchvisionNames.network());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            System.out.println("a file that does not fit is refused as a whole; into ResNet-34:");
            System.out.println("  " + message.substring(0, message.indexOf(';', message.indexOf(';') + 1)) + "; ...");
        }
        System.out.println();

        Path picture = DemoPicture.writePng(dir.resolve("barn.png"));
        picture.toFile().deleteOnExit();
        printPreprocessing(picture);
        System.out.println();

        System.out.println("== 4. Classifying the picture");
        classify(weights, picture, "");
        System.out.println("These weights are random, so the classes above mean nothing: a network knows what a barn");
        System.out.println("looks like only after training. Run the lesson with real weights to classify for real:");
        System.out.println("  " + USAGE);
    }

    /**
     * A fresh model's BatchNorm vectors (ones and zeros) and dense bias (zeros) are the same whatever the seed; filling
     * them with seeded values like a trained network's makes every tensor of the file worth checking.
     */
    private static void fillVectorsLikeATrainedNetwork(Model model) {
        Random rng = new Random(SEED);
        for (String name : model.parameters().names()) {
            float[] d = model.parameters().get(name).data();
            boolean positive = name.endsWith("/gamma") || name.endsWith("/moving_variance");
            boolean vector = positive || name.endsWith("/beta") || name.endsWith("/moving_mean")
                    || name.endsWith("/bias");
            for (int i = 0; i < d.length && vector; i++) {
                d[i] = positive ? 0.5f + rng.nextFloat() : (float) (0.1 * rng.nextGaussian());
            }
        }
    }

    private static int equalTensors(Model a, Model b) {
        int equal = 0;
        for (String name : a.parameters().names()) {
            if (java.util.Arrays.equals(a.parameters().get(name).data(), b.parameters().get(name).data())) {
                equal++;
            }
        }
        return equal;
    }

    private static void printPreprocessing(Path picture) {
        System.out.println("== 3. The picture, prepared the way torchvision prepares its inputs");
        RgbImage image = RgbImage.read(picture);
        RgbImage resized = image.resizeShorterSide(256);
        RgbImage cropped = resized.centerCrop(224);
        System.out.printf("drew %s (%dx%d); resizeShorterSide(256) -> %dx%d; centerCrop(224) -> %dx%d%n", picture,
                image.width(), image.height(), resized.width(), resized.height(), cropped.width(), cropped.height());
        HostTensor torch = Preprocessing.TORCH.toTensor(cropped);
        HostTensor caffe = Preprocessing.CAFFE.toTensor(cropped);
        System.out.println("network input: " + torch.shape() + " (NHWC)");
        System.out.printf(Locale.ROOT, "centre pixel RGB (%.0f, %.0f, %.0f) -> TORCH %s   CAFFE %s%n",
                cropped.get(112, 112, 0), cropped.get(112, 112, 1), cropped.get(112, 112, 2), pixel(torch),
                pixel(caffe));
    }

    private static String pixel(HostTensor t) {
        return String.format(Locale.ROOT, "(%.4f, %.4f, %.4f)", t.get(0, 112, 112, 0), t.get(0, 112, 112, 1),
                t.get(0, 112, 112, 2));
    }

    // ---------------------------------------------------------------------------------------------------------
    /**
     * Loads {@code weights} into the network it belongs to, prepares {@code image} the way that network was trained,
     * and prints the top-5 classes. {@code kerasArchitecture} chooses between the two Keras ResNet-50s for a
     * {@code .h5} file and is ignored otherwise.
     */
    static void classify(Path weights, Path image, String kerasArchitecture) throws IOException {
        String file = weights.getFileName().toString();
        Model model;
        HostTensor input;
        if (file.endsWith(".safetensors")) {
            Map<String, HostTensor> stateDict = Safetensors.read(weights).tensors();
            model = ResNet.build(Architectures.torchvision(stateDict));
            TorchvisionImporter.load(model.parameters(), stateDict, TorchvisionNames.network());
            input = Preprocessing.TORCH.load(image, 256, 224);
        } else if (file.endsWith(".h5")) {
            ResNetConfig config = switch (kerasArchitecture) {
                case "keras-seed" -> Architectures.kerasSeed();
                case "keras-applications" -> Architectures.kerasApplications();
                default -> throw new IllegalArgumentException(USAGE + ". Received architecture \""
                        + kerasArchitecture + "\"");
            };
            model = ResNet.build(config);
            KerasH5Weights.loadInto(model, weights);
            // Like the seed's image.load_img(path, target_size=(224, 224)): the whole picture squeezed to 224x224.
            input = Preprocessing.CAFFE.toTensor(RgbImage.read(image).resize(224, 224));
        } else {
            throw new IllegalArgumentException("Weight file " + weights + " expects the extension .safetensors "
                    + "(a torchvision state_dict) or .h5 (Keras). Received: " + file);
        }
        if (model.outputs().get(0).shape().dim(0) != ImageNetClasses.COUNT) {
            throw new IllegalArgumentException("Weight file " + weights + " has " + model.outputs().get(0).shape()
                    + " outputs; decoding ImageNet classes expects " + ImageNetClasses.COUNT);
        }
        try (Backend backend = Backends.get(); CompiledModel compiled = backend.compile(model)) {
            HostTensor probabilities = compiled.predict(input);
            System.out.println(model.name() + " on " + backend.name() + ", top 5 (Predictions.decodePredictions):");
            List<Prediction> top = Predictions.decodePredictions(probabilities, 5).get(0);
            for (int i = 0; i < top.size(); i++) {
                Prediction p = top.get(i);
                System.out.printf(Locale.ROOT, "  %d. %-4d %s %-28s %.4f%n", i + 1, p.index(), p.wnid(), p.name(),
                        p.probability());
            }
        }
    }
}
