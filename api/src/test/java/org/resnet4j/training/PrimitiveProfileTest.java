package org.resnet4j.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.resnet4j.ops.GradientOps;
import org.resnet4j.ops.Ops;
import org.resnet4j.tck.ReferenceTrainingOps;
import org.resnet4j.tensor.HostTensor;
import org.resnet4j.tensor.Shape;
import org.resnet4j.tensor.Tensor;

/** The per-primitive profile of training steps: what it counts, what it leaves out, and that it changes nothing. */
class PrimitiveProfileTest {
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void timedOps_computeWhatTheOpsCompute_andStillOfferTheBackwardPrimitives() {
        ReferenceTrainingOps reference = new ReferenceTrainingOps();
        Ops timed = new PrimitiveProfile(2, 2, out).timed(reference, Ops.class);
        HostTensor x = HostTensor.of(Shape.of(2, 3), new float[] {-1, 2, -3, 4, -5, 6});
        try (Tensor a = timed.upload(x); Tensor b = timed.relu(a); Tensor c = reference.upload(x);
                Tensor d = reference.relu(c)) {
            assertThat(timed.download(b).data()).containsExactly(reference.download(d).data());
        }
        assertThat(timed).isInstanceOf(GradientOps.class);
    }

    @Test
    void table_averagesStepsTwoToN_leavingOutTheFirst() {
        PrimitiveProfile profile = new PrimitiveProfile(2, 3, out);
        Ops ops = profile.timed(new ReferenceTrainingOps(), Ops.class);
        HostTensor small = HostTensor.zeros(Shape.of(2, 3));
        HostTensor large = HostTensor.zeros(Shape.of(4, 5));
        for (int step = 1; step <= 3; step++) {
            profile.stepStarted();
            try (Tensor a = ops.upload(step == 1 ? small : large); Tensor b = ops.relu(a); Tensor c = ops.relu(b)) {
                assertThat(printed.size()).isZero();
            }
            profile.stepEnded();
        }
        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("steps 2 to 3").contains("  2.0  relu [4, 5]").contains("  1.0  upload")
                .doesNotContain("[2, 3]").contains("ms in the primitives").contains("ms per step in all");
    }

    @Test
    void table_ofStepOneAlone_countsTheFirstStep() {
        PrimitiveProfile profile = new PrimitiveProfile(1, 1, out);
        Ops ops = profile.timed(new ReferenceTrainingOps(), Ops.class);
        profile.stepStarted();
        try (Tensor a = ops.upload(HostTensor.zeros(Shape.of(2, 3)))) {
            ops.relu(a).close();
        }
        profile.stepEnded();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("(steps 1;").contains("  1.0  relu [2, 3]");
    }

    @Test
    void timedOps_throwTheOpsOwnErrors() {
        Ops ops = new PrimitiveProfile(2, 2, out).timed(new ReferenceTrainingOps(), Ops.class);
        try (Tensor a = ops.upload(HostTensor.zeros(Shape.of(2, 3)));
                Tensor b = ops.upload(HostTensor.zeros(Shape.of(3, 2)))) {
            assertThatThrownBy(() -> ops.add(a, b)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[2, 3]");
        }
    }

    @Test
    void stepsOutsideOneToN_orReversed_areRefused() {
        assertThatThrownBy(() -> new PrimitiveProfile(0, 3, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: 0-3");
        assertThatThrownBy(() -> new PrimitiveProfile(5, 4, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: 5-4");
    }

    @Test
    void requested_readsNOrARange_andNamesThePropertyWhenTheValueIsWrong() {
        String old = System.getProperty(PrimitiveProfile.PROPERTY);
        try {
            System.clearProperty(PrimitiveProfile.PROPERTY);
            assertThat(PrimitiveProfile.requested()).isNull();
            System.setProperty(PrimitiveProfile.PROPERTY, "11-15");
            assertThat(PrimitiveProfile.requested()).isNotNull();
            System.setProperty(PrimitiveProfile.PROPERTY, "4");
            assertThat(PrimitiveProfile.requested()).isNotNull();
            for (String wrong : new String[] {"0", "5-4", "1-2-3", "x", "-3"}) {
                System.setProperty(PrimitiveProfile.PROPERTY, wrong);
                assertThatThrownBy(PrimitiveProfile::requested).as(wrong)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("-Dresnet4j.stepProfile expects").hasMessageContaining(wrong);
            }
        } finally {
            if (old == null) {
                System.clearProperty(PrimitiveProfile.PROPERTY);
            } else {
                System.setProperty(PrimitiveProfile.PROPERTY, old);
            }
        }
    }

    @Test
    void table_ofALaterRange_leavesOutTheStepsBefore() {
        PrimitiveProfile profile = new PrimitiveProfile(3, 4, out);
        Ops ops = profile.timed(new ReferenceTrainingOps(), Ops.class);
        for (int step = 1; step <= 4; step++) {
            profile.stepStarted();
            try (Tensor a = ops.upload(HostTensor.zeros(step < 3 ? Shape.of(2, 3) : Shape.of(4, 5)))) {
                ops.relu(a).close();
            }
            profile.stepEnded();
        }
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("(steps 3 to 4;").contains("relu [4, 5]")
                .doesNotContain("[2, 3]");
    }
}
