package org.resnet4j.tutorials.lesson01.solutions;

import org.resnet4j.Backends;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tutorials.lesson01.ResidualBlockLesson;

/**
 * Exercise 3: set the gamma of the block's last BatchNorm to zero. The residual branch then outputs
 * {@code beta = 0} for every input, so the block computes relu(x + 0) = relu(x): on the non-negative output
 * of an earlier ReLU, the identity. A plain stack of layers has no such easy way to pass its input through.
 * torchvision's {@code zero_init_residual=True} starts training from exactly this state.
 */
public final class Exercise3Solution {
    private Exercise3Solution() {
    }

    /**
     * Runs block a (seeded weights, optionally with the last gamma zeroed) on {@code input}, a batch
     * {@code [n, h, w, c]}, on the backend {@link Backends#get()} chooses.
     */
    public static HostTensor runBlockA(HostTensor input, boolean zeroLastGamma) {
        Shape s = input.shape();
        Node x = Input.named("x", s.dim(1), s.dim(2), s.dim(3));
        Model block = Model.of("block_a", x, ResidualBlockLesson.blockA(x, "block")).initialize(2015);
        if (zeroLastGamma) {
            block.parameters().set("block_2_bn/gamma", HostTensor.zeros(Shape.of(s.dim(3))));
        }
        try (Backend backend = Backends.get(); CompiledModel compiled = backend.compile(block)) {
            return compiled.predict(input);
        }
    }
}
