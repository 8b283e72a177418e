package org.resnet4j.models.imagenet;

import java.nio.file.Path;
import java.util.List;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The two ways ImageNet models expect their input, turning RGB pixels in [0, 255] into an NHWC {@link HostTensor}.
 * Use the one the weights were trained with: Keras' ResNet50 weights want {@link #CAFFE}, torchvision's {@link #TORCH}.
 */
public enum Preprocessing {
    /**
     * Keras' "caffe" mode ({@code imagenet_utils.preprocess_input} for ResNet50): channels reordered RGB to BGR,
     * then the ImageNet mean subtracted per channel, in BGR order [103.939, 116.779, 123.68]; no scaling.
     */
    CAFFE {
        @Override
        float apply(float red, float green, float blue, int channel) {
            switch (channel) {
                case 0:
                    return blue - 103.939f;
                case 1:
                    return green - 116.779f;
                default:
                    return red - 123.68f;
            }
        }
    },
    /**
     * torchvision's {@code ToTensor} + {@code Normalize}: scaled to [0, 1], then normalised per RGB channel with
     * mean [0.485, 0.456, 0.406] and standard deviation [0.229, 0.224, 0.225]; channels stay RGB.
     */
    TORCH {
        @Override
        float apply(float red, float green, float blue, int channel) {
            switch (channel) {
                case 0:
                    return (red / 255f - 0.485f) / 0.229f;
                case 1:
                    return (green / 255f - 0.456f) / 0.224f;
                default:
                    return (blue / 255f - 0.406f) / 0.225f;
            }
        }
    };

    /** The network input value of channel {@code channel} of a pixel of the given RGB values in [0, 255]. */
    abstract float apply(float red, float green, float blue, int channel);

    /** The batch {@code [n, height, width, 3]} of {@code images}, which must all have the same size. */
    public HostTensor toTensor(List<RgbImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("toTensor expects at least one image. Received: none");
        }
        int h = images.get(0).height();
        int w = images.get(0).width();
        float[] out = new float[images.size() * h * w * 3];
        int o = 0;
        for (RgbImage image : images) {
            if (image.height() != h || image.width() != w) {
                throw new IllegalArgumentException("toTensor expects images of one size " + h + "x" + w
                        + ". Received: " + image.height() + "x" + image.width());
            }
            float[] rgb = image.data();
            for (int p = 0; p < rgb.length; p += 3) {
                for (int c = 0; c < 3; c++) {
                    out[o++] = apply(rgb[p], rgb[p + 1], rgb[p + 2], c);
                }
            }
        }
        return HostTensor.of(Shape.of(images.size(), h, w, 3), out);
    }

    /** The batch of one image. */
    public HostTensor toTensor(RgbImage image) {
        return toTensor(List.of(image));
    }

    /**
     * Reads {@code file}, resizes its shorter side to {@code resizeTo} (bilinear, see {@link RgbImage#resize}),
     * crops the central {@code cropTo} square and preprocesses it: the usual evaluation pipeline is
     * {@code load(file, 256, 224)}.
     */
    public HostTensor load(Path file, int resizeTo, int cropTo) {
        return load(file, resizeTo, cropTo, RgbImage.MAX_PIXELS);
    }

    /** {@link #load(Path, int, int)} refusing images of more than {@code maxPixels} pixels (see {@link RgbImage#read}). */
    public HostTensor load(Path file, int resizeTo, int cropTo, long maxPixels) {
        RgbImage image = RgbImage.read(file, maxPixels);
        try {
            return toTensor(image.resizeShorterSideAndCenterCrop(resizeTo, cropTo));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot use image " + file + ": " + e.getMessage(), e);
        }
    }
}
