package org.resnet4j.models.io;

import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The layout change between torchvision's tensors and ResNet4J's, in both directions: convolution kernels are OIHW
 * there and HWIO here, dense kernels {@code [out, in]} there and {@code [in, out]} here, vectors the same. One
 * axis permutation serves the importer and the exporter, so the two cannot drift apart.
 */
final class TorchvisionLayouts {
    /** OIHW axes in HWIO order: HWIO[h, w, i, o] = OIHW[o, i, h, w]. */
    private static final int[] OIHW_TO_HWIO = {2, 3, 1, 0};
    /** HWIO axes in OIHW order: OIHW[o, i, h, w] = HWIO[h, w, i, o]. */
    private static final int[] HWIO_TO_OIHW = {3, 2, 0, 1};

    private TorchvisionLayouts() {
    }

    /** A torchvision tensor in ResNet4J's layout: OIHW to HWIO, {@code [out, in]} to {@code [in, out]}. */
    static HostTensor fromTorch(String name, HostTensor t) {
        return change(name, t, OIHW_TO_HWIO);
    }

    /** A ResNet4J tensor in torchvision's layout: HWIO to OIHW, {@code [in, out]} to {@code [out, in]}. */
    static HostTensor toTorch(String name, HostTensor t) {
        return change(name, t, HWIO_TO_OIHW);
    }

    private static HostTensor change(String name, HostTensor t, int[] kernelAxes) {
        return switch (t.shape().rank()) {
            case 4 -> permute(t, kernelAxes);
            case 2 -> permute(t, new int[] {1, 0});
            case 1 -> t.copy();
            default -> throw new IllegalArgumentException(name + " expects rank 1, 2 or 4. Received: shape="
                    + t.shape());
        };
    }

    /** The tensor whose axis {@code k} is axis {@code axes[k]} of {@code t}. */
    private static HostTensor permute(HostTensor t, int[] axes) {
        Shape in = t.shape();
        int rank = in.rank();
        int[] inStrides = new int[rank];
        int stride = 1;
        for (int d = rank - 1; d >= 0; d--) {
            inStrides[d] = stride;
            stride *= in.dim(d);
        }
        int[] outDims = new int[rank];
        int[] strides = new int[rank];
        for (int k = 0; k < rank; k++) {
            outDims[k] = in.dim(axes[k]);
            strides[k] = inStrides[axes[k]];
        }
        float[] src = t.data();
        float[] dst = new float[src.length];
        int[] index = new int[rank];
        for (int out = 0; out < dst.length; out++) {
            int from = 0;
            for (int k = 0; k < rank; k++) {
                from += index[k] * strides[k];
            }
            dst[out] = src[from];
            for (int k = rank - 1; k >= 0; k--) {
                if (++index[k] < outDims[k]) {
                    break;
                }
                index[k] = 0;
            }
        }
        return HostTensor.of(Shape.of(outDims), dst);
    }
}
