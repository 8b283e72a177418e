package org.resnet4j.ops;

import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/**
 * The one wording of a rejected argument, in Keras' form: {@code SUBJECT expects WHAT, received: WHAT CAME}. The
 * op shape rules, the layers' shape checks and the backends' own argument checks all build their errors here, so a
 * reader sees one phrasing whoever rejects the call, and the contract can pin it.
 */
public final class ArgumentErrors {
    private ArgumentErrors() {
    }

    /**
     * {@code SUBJECT expects EXPECTATION, received: RECEIVED}, for example
     * {@code relu expects a tensor made by the nd4j backend, received: null}.
     *
     * @param subject     who rejects the call: an op ({@code conv2d}) or a layer's name
     * @param expectation what it needed, as a noun phrase ({@code a kernel of rank 4 [height, width, in, out]})
     * @param received    what it got, usually {@link #shape} of each argument involved
     */
    public static IllegalArgumentException expects(String subject, String expectation, String received) {
        return new IllegalArgumentException(subject + " expects " + expectation + ", received: " + received);
    }

    /** {@code ARGUMENT shape=[...]}: how an argument's shape is quoted after {@code received:}. */
    public static String shape(String argument, Shape shape) {
        return argument + " shape=" + shape;
    }

    /**
     * The error of a backend given a tensor it cannot read (none, or one another backend made), for example
     * {@code conv2d expects a tensor made by the nd4j backend, received: HostTensor[1, 2]}.
     *
     * @param op     the op called
     * @param madeBy what must have made the tensor ({@code the nd4j backend})
     * @param tensor what the op received, possibly {@code null}
     */
    public static IllegalArgumentException foreignTensor(String op, String madeBy, Tensor tensor) {
        String received = tensor == null ? "null" : tensor.getClass().getSimpleName() + tensor.shape();
        return expects(op, "a tensor made by " + madeBy, received);
    }
}
