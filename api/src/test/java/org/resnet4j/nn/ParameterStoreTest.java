package org.resnet4j.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.resnet4j.tensor.HostTensor;

/** Values appear on first use, and first use gives the same numbers whatever it is. */
class ParameterStoreTest {
    private static Model twoDense() {
        Node x = Input.of(3);
        Node y = Dense.of(4).named("d1").apply(x);
        return Model.of("two", x, Dense.of(2).named("d2").apply(y));
    }

    @Test
    void lazyFill_equalsAnExplicitInitialisationWithTheDefaultSeed() {
        Model lazy = twoDense();
        Model explicit = twoDense().initialize(Model.DEFAULT_SEED);
        for (String name : explicit.parameters().names()) {
            assertThat(lazy.parameters().get(name).data()).containsExactly(explicit.parameters().get(name).data());
        }
    }

    @Test
    void settingOneParameterFirst_leavesTheOthersAtTheirSeededValues() {
        Model reference = twoDense();
        float[] expectedD2 = reference.parameters().get("d2/kernel").data().clone();

        Model model = twoDense();
        model.parameters().set("d1/bias", HostTensor.of(org.resnet4j.tensor.Shape.of(4), new float[] {1, 2, 3, 4}));

        assertThat(model.parameters().get("d2/kernel").data()).containsExactly(expectedD2);
        assertThat(model.parameters().get("d1/bias").data()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void initializeAfterASet_overwritesIt() {
        Model model = twoDense();
        model.parameters().set("d1/bias", HostTensor.of(org.resnet4j.tensor.Shape.of(4), new float[] {1, 2, 3, 4}));
        model.initialize(Model.DEFAULT_SEED);
        // Dense biases start at zero.
        assertThat(model.parameters().get("d1/bias").data()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void countsNeedNoValues() {
        Model model = twoDense();
        assertThat(model.parameterCount()).isEqualTo(3 * 4 + 4 + 4 * 2 + 2);
        assertThat(model.parameters().asMap().keySet()).containsExactly("d1/kernel", "d1/bias", "d2/kernel",
                "d2/bias");
    }

    @Test
    void inputThatNoOutputReads_isPartOfTheModelAndItsSummary() {
        Node used = Input.of(3);
        Node unused = Input.of(5);
        Model model = Model.of("partly_used", List.of(used, unused), List.of(Dense.of(2).named("d").apply(used)));
        assertThat(model.nodes()).contains(unused);
        assertThat(model.summary()).contains(unused.layer().name() + " (InputLayer)").contains("[(None, 5)]");
    }
}
