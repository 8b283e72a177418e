package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Dense;
import org.resnet4j.nn.Flatten;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.MaxPooling2D;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.plan.OpPlanner;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.BackendUnderTest;
import org.resnet4j.tck.ContractModels;
import org.resnet4j.tck.OpRunner;
import org.resnet4j.tck.ReferenceBackend;
import org.resnet4j.tck.TensorComparison;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;

/**
 * The compiled model runs the api's plan on ND4J arrays: in-place steps overwrite the arrays they are given and
 * values read with another shape are views. Checked on graphs built to tempt it, against the unplanned model on
 * the reference ops, over repeated calls (the pool hands the same arrays out again).
 */
class Nd4jPlanExecutorTest implements BackendUnderTest {
    @Override
    public BackendProvider provider() {
        return new Nd4jBackendProvider();
    }

    /** A ReLU in place through a Flatten (a view), and a model output that is a reshaped value. */
    private static Model views() {
        Node x = Input.of(4, 4, 2);
        Node pooled = MaxPooling2D.of(2, 2).named("pool").apply(x);
        Node relu = ReLU.of().named("relu").apply(Flatten.of().named("flat").apply(pooled));
        Node dense = Dense.of(3).named("dense").apply(relu);
        Node convFlat = Flatten.of().named("conv_flat").apply(Conv2D.of(2, 1).named("conv").apply(x));
        return randomized(Model.of("views", List.of(x), List.of(dense, convFlat)));
    }

    private static Model randomized(Model model) {
        Random r = new Random(5);
        for (String name : model.parameters().names()) {
            float[] d = model.parameters().get(name).data();
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) r.nextGaussian();
            }
        }
        return model;
    }

    private void assertCompiledMatchesReference(Model model, HostTensor x) {
        try (CompiledModel expected = new ReferenceBackend().compile(model);
             CompiledModel actual = backend().compile(model)) {
            List<HostTensor> want = expected.predictAll(x);
            for (int call = 0; call < 3; call++) {
                List<HostTensor> got = actual.predictAll(x);
                assertThat(got).hasSameSizeAs(want);
                for (int i = 0; i < want.size(); i++) {
                    TensorComparison.assertClose(model.name() + " output " + i + ", call " + call, got.get(i),
                            want.get(i));
                }
            }
        }
    }

    @Test
    void compiled_inPlaceTemptingNet_matchesTheReferenceOps() {
        // Its plan, worked out by hand in the api's OpPlannerTest, has a ReLU and two Adds that must not write in
        // place and one that does.
        assertCompiledMatchesReference(ContractModels.inPlaceTemptingNet(), OpRunner.gaussian(new Random(8), 1.0, 2, 6, 6, 2));
    }

    @Test
    void compiled_reluInPlaceThroughAView_andAReshapedOutput_matchTheReferenceOps() {
        Model model = views();
        // The plan this test exercises: the ReLU overwrites the pooled value through a [2, 8] view, and the second
        // output is the convolution's value read as [2, 32].
        assertThat(OpPlanner.forInference(model).plan(List.of(Shape.of(2, 4, 4, 2))).toString()).isEqualTo("""
                inputs [#0[2, 4, 4, 2]]
                0: MAX_POOL [#0[2, 4, 4, 2]] -> #1[2, 2, 2, 2]
                1: RELU in place [#1[2, 8]] -> #1[2, 8]
                2: DENSE [#1[2, 8]] (dense/kernel, dense/bias) -> #2[2, 3]
                3: CONV2D [#0[2, 4, 4, 2]] (conv/kernel, conv/bias) -> #3[2, 4, 4, 2]
                outputs [#2[2, 3], #3[2, 32]]
                """);
        assertCompiledMatchesReference(model, OpRunner.gaussian(new Random(9), 1.0, 2, 4, 4, 2));
    }
}
