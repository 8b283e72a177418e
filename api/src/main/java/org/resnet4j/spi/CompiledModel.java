package org.resnet4j.spi;

import java.util.List;
import org.resnet4j.nn.Model;
import org.resnet4j.tensor.HostTensor;

/**
 * A model prepared by one backend for repeated inference. Reusable, safe to call from several threads, and
 * {@link #close()}-able to free native memory. Inputs and outputs are batched: {@code [n, ...sample shape]}.
 */
public interface CompiledModel extends AutoCloseable {
    /** The model this was compiled from. */
    Model model();

    /** Runs the model and returns every output, in the model's output order. */
    List<HostTensor> predictAll(HostTensor... inputs);

    /** Runs a model with one output. */
    default HostTensor predict(HostTensor... inputs) {
        List<HostTensor> outputs = predictAll(inputs);
        if (outputs.size() != 1) {
            throw new IllegalStateException("Model \"" + model().name() + "\" has " + outputs.size()
                    + " outputs; use predictAll");
        }
        return outputs.get(0);
    }

    @Override
    void close();
}
