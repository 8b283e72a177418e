package org.resnet4j.tck;

import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tensor.Tensor;

/**
 * Backends that break {@link ShapeErrorContract} in one way each, run through it by
 * {@code ShapeErrorContractMetaTest} to prove its tests can fail.
 */
final class ShapeErrorContractSubjects {
    private ShapeErrorContractSubjects() {
    }

    /** Checks conv2d's kernel channels itself, in its own words (as the backends did before the shared rules). */
    static final class OwnWordingOps extends ForwardingOps {
        @Override
        public Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, Conv2dOptions options) {
            if (input.shape().rank() == 4 && kernel.shape().rank() == 4
                    && kernel.shape().dim(2) != input.shape().dim(3)) {
                throw new IllegalArgumentException("conv2d expects a kernel with " + input.shape().dim(3)
                        + " input channels for input " + input.shape() + ". Received: kernel shape=" + kernel.shape());
            }
            return super.conv2d(input, kernel, bias, options);
        }
    }

    /** Dropout that never looks at its rate (as two backends did before the shared rules). */
    static final class UncheckedDropoutOps extends ForwardingOps {
        @Override
        public Tensor dropout(Tensor input, float rate) {
            return super.dropout(input, 0f);
        }
    }

    /** The shape-error contract on {@link OwnWordingOps}. */
    static final class OwnWordingSubject implements ShapeErrorContract {
        @Override
        public BackendProvider provider() {
            return new ReferenceBackendProvider("own-wording", OwnWordingOps::new);
        }
    }

    /** The shape-error contract on {@link UncheckedDropoutOps}. */
    static final class UncheckedDropoutSubject implements ShapeErrorContract {
        @Override
        public BackendProvider provider() {
            return new ReferenceBackendProvider("unchecked-dropout", UncheckedDropoutOps::new);
        }
    }
}
