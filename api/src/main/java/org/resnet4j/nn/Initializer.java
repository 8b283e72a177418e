package org.resnet4j.nn;

import java.util.Random;
import org.resnet4j.tensor.Shape;

/**
 * How a parameter is filled before training or loading. Fans are computed as Keras does: for a kernel
 * {@code [kh, kw, in, out]} fan-in is {@code kh * kw * in} and fan-out {@code kh * kw * out}; for {@code [in, out]}
 * they are {@code in} and {@code out}.
 */
public enum Initializer {
    /** Truncated normal (cut at two standard deviations), standard deviation {@code sqrt(2 / fanIn)}: Keras' {@code he_normal}. */
    HE_NORMAL {
        @Override
        void fill(float[] data, Shape shape, Random rng) {
            // 0.8796... is the standard deviation of a unit normal truncated to [-2, 2]; dividing by it keeps the
            // requested variance, as Keras' VarianceScaling does.
            double stddev = Math.sqrt(2.0 / fanIn(shape)) / 0.87962566103423978;
            for (int i = 0; i < data.length; i++) {
                double g;
                do {
                    g = rng.nextGaussian();
                } while (g < -2 || g > 2);
                data[i] = (float) (g * stddev);
            }
        }
    },
    /** Uniform in {@code [-l, l]}, {@code l = sqrt(6 / (fanIn + fanOut))}: Keras' {@code glorot_uniform}. */
    GLOROT_UNIFORM {
        @Override
        void fill(float[] data, Shape shape, Random rng) {
            double limit = Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape)));
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) ((rng.nextDouble() * 2 - 1) * limit);
            }
        }
    },
    /** All zeros (biases, BatchNorm beta and moving mean). */
    ZEROS {
        @Override
        void fill(float[] data, Shape shape, Random rng) {
            java.util.Arrays.fill(data, 0f);
        }
    },
    /** All ones (BatchNorm gamma and moving variance). */
    ONES {
        @Override
        void fill(float[] data, Shape shape, Random rng) {
            java.util.Arrays.fill(data, 1f);
        }
    };

    /** Fills {@code data}, laid out as {@code shape}, drawing from {@code rng}. */
    abstract void fill(float[] data, Shape shape, Random rng);

    static long fanIn(Shape shape) {
        return shape.rank() < 2 ? shape.sizeAsLong() : shape.sizeAsLong() / shape.dim(-1);
    }

    static long fanOut(Shape shape) {
        if (shape.rank() < 2) {
            return shape.sizeAsLong();
        }
        return shape.sizeAsLong() / shape.dim(-2);
    }
}
