package org.resnet4j.backend.tf;

import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Copies between ResNet4J's host tensors and TensorFlow's {@code TFloat32} tensors, for feeding and fetching runs. */
final class TfHostTensors {
    private TfHostTensors() {
    }

    /** A new TensorFlow tensor holding a copy of {@code host}; the caller closes it. */
    static TFloat32 tensor(HostTensor host) {
        return TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(TfStepVariables.dims(host.shape())),
                DataBuffers.of(host.data(), true, false));
    }

    /** A host copy of {@code value}, with its shape. */
    static HostTensor host(TFloat32 value) {
        long[] dims = value.shape().asArray();
        int[] shape = new int[dims.length];
        for (int d = 0; d < dims.length; d++) {
            shape[d] = Math.toIntExact(dims[d]);
        }
        float[] data = new float[Math.toIntExact(value.size())];
        value.copyTo(DataBuffers.of(data, false, false));
        return HostTensor.of(Shape.of(shape), data);
    }
}
