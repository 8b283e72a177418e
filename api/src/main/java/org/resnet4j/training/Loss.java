package org.resnet4j.training;

import org.resnet4j.autodiff.GradientTape;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Tensor;

/** A loss recorded on a {@link GradientTape}: a scalar, averaged over the batch, that {@code gradient} can start from. */
public interface Loss {
    /** Keras' name of the loss, for messages and summaries: {@code "categorical_crossentropy"}. */
    String name();

    /**
     * The batch-mean loss of {@code predictions} (a tensor recorded on {@code tape}) against {@code labels} (host
     * data, in the form the loss documents), recorded on the tape.
     */
    Tensor compute(GradientTape tape, Tensor predictions, HostTensor labels);

    /**
     * Class indices in the form {@link #compute} takes as {@code labels}: one-hot rows {@code [n, classes]} for a
     * categorical loss, the indices themselves {@code [n]} for a sparse one.
     */
    HostTensor targets(int[] labels, int classes);

    /**
     * The same batch-mean loss computed on the JVM in float64 from downloaded predictions (for evaluation, which runs
     * the model in inference mode and needs no tape).
     *
     * @param predictions {@code [n, classes]}
     * @param labels      one class index per row
     */
    double mean(HostTensor predictions, int[] labels);
}
