package org.resnet4j.tck;

import org.resnet4j.ops.Conv2dOptions;
import org.resnet4j.ops.ConvolutionShapes;
import org.resnet4j.ops.Padding;
import org.resnet4j.ops.PoolOptions;
import org.resnet4j.ops.PoolingShapes;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tensor.Tensor;

/**
 * Backends with one classic porting bug each, run through {@link BackendContract} by {@code BackendContractMetaTest}
 * (through JUnit's EngineTestKit, never directly by surefire: the names do not end in Test) to prove the
 * contract catches them.
 */
final class BrokenContractSubjects {
    private BrokenContractSubjects() {
    }

    /** Conv2d whose SAME padding puts the odd extra row and column on the top and left (PyTorch-style mistake). */
    static final class SamePaddingOnTopOps extends ForwardingOps {
        @Override
        public Tensor conv2d(Tensor input, Tensor kernel, Tensor bias, Conv2dOptions options) {
            if (!(options.padding() instanceof Padding.Same)) {
                return super.conv2d(input, kernel, bias, options);
            }
            ConvolutionShapes.conv2d(input.shape(), kernel.shape(), bias == null ? null : bias.shape(), options);
            Padding.Explicit right = Padding.SAME.resolve(input.shape().dim(1), input.shape().dim(2),
                    kernel.shape().dim(0), kernel.shape().dim(1), options.strideHeight(), options.strideWidth());
            Padding.Explicit wrong = Padding.explicit(right.bottom(), right.top(), right.right(), right.left());
            return super.conv2d(input, kernel, bias,
                    new Conv2dOptions(options.strideHeight(), options.strideWidth(), wrong));
        }
    }

    /** Max pool that pads with zeros instead of negative infinity. */
    static final class ZeroPaddedMaxPoolOps extends ForwardingOps {
        @Override
        public Tensor maxPool(Tensor input, PoolOptions options) {
            PoolingShapes.maxPool(input.shape(), options); // the one bug is the padding value, not the checks
            Padding.Explicit pad = options.padding().resolve(input.shape().dim(1), input.shape().dim(2),
                    options.poolHeight(), options.poolWidth(), options.strideHeight(), options.strideWidth());
            try (Tensor padded = zeroPad(input, pad)) {
                return super.maxPool(padded, new PoolOptions(options.poolHeight(), options.poolWidth(),
                        options.strideHeight(), options.strideWidth(), Padding.VALID));
            }
        }
    }

    /** The contract on {@link SamePaddingOnTopOps}. */
    static final class SamePaddingOnTopSubject implements BackendContract {
        @Override
        public BackendProvider provider() {
            return new ReferenceBackendProvider("same-on-top", SamePaddingOnTopOps::new);
        }
    }

    /** The contract on {@link ZeroPaddedMaxPoolOps}. */
    static final class ZeroPaddedMaxPoolSubject implements BackendContract {
        @Override
        public BackendProvider provider() {
            return new ReferenceBackendProvider("zero-padded-max-pool", ZeroPaddedMaxPoolOps::new);
        }
    }
}
