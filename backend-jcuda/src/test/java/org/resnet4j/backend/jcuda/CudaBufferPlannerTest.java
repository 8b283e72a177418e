package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.resnet4j.nn.Add;
import org.resnet4j.nn.BatchNormalization;
import org.resnet4j.nn.Conv2D;
import org.resnet4j.nn.Flatten;
import org.resnet4j.nn.Input;
import org.resnet4j.nn.Model;
import org.resnet4j.nn.Node;
import org.resnet4j.nn.ReLU;
import org.resnet4j.nn.Softmax;
import org.resnet4j.ops.Padding;
import org.resnet4j.plan.OpPlan;
import org.resnet4j.plan.OpPlanner;
import org.resnet4j.tensor.Shape;
import org.resnet4j.backend.jcuda.CudaBufferPlanner.Plan;
import org.resnet4j.backend.jcuda.CudaBufferPlanner.Request;

class CudaBufferPlannerTest {

    @Test
    void chain_peakEqualsTheLargestPairOfNeighbours() {
        // x -> a -> b -> c -> out; sizes already multiples of 256 except x (1000 -> 1024).
        List<Request> chain = List.of(
                new Request(1000, 0, 0),   // x, read by step 0
                new Request(2048, 0, 1),   // a = step0(x)
                new Request(512, 1, 2),    // b = step1(a)
                new Request(4096, 2, 3),   // c = step2(b)
                new Request(256, 3, 4));   // out = step3(c), read after the last step
        Plan plan = CudaBufferPlanner.plan(chain);
        assertNoLiveOverlap(chain, plan);
        // By hand: live bytes per step are 1024+2048, 2048+512, 512+4096, 4096+256, 256; the largest is 4608.
        assertThat(plan.arenaBytes()).isEqualTo(4608);
    }

    @Test
    void residualDiamond_keepsTheShortcutAlive_andPeaksAtTheAdd() {
        // a = conv1(x); b = conv2(a); y = add(b, x): x lives until the add.
        List<Request> diamond = List.of(
                new Request(4096, 0, 2),   // x
                new Request(2048, 0, 1),   // a
                new Request(4096, 1, 2),   // b
                new Request(4096, 2, 3));  // y (output)
        Plan plan = CudaBufferPlanner.plan(diamond);
        assertNoLiveOverlap(diamond, plan);
        // By hand: step 2 holds x, b and y at once: 3 * 4096 = 12288, the most live at any step.
        assertThat(plan.arenaBytes()).isEqualTo(12288);
        // a (dead after step 1) reuses y's bytes (born at step 2).
        assertThat(plan.offsets()[1]).isEqualTo(plan.offsets()[3]);
    }

    @Test
    void randomLifetimes_neverShareMemoryWhileBothAlive_andNeverBeatTheLowerBound() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            List<Request> requests = new ArrayList<>();
            int count = 1 + random.nextInt(30);
            for (int i = 0; i < count; i++) {
                int first = random.nextInt(20);
                requests.add(new Request(1 + random.nextInt(10_000), first, first + random.nextInt(6)));
            }
            Plan plan = CudaBufferPlanner.plan(requests);
            assertNoLiveOverlap(requests, plan);
            assertThat(plan.arenaBytes()).isGreaterThanOrEqualTo(CudaBufferPlanner.lowerBound(requests));
            for (long offset : plan.offsets()) {
                assertThat(offset % CudaBufferPlanner.ALIGNMENT).isZero();
            }
        }
    }

    @Test
    void requests_ofAResidualBlock_areItsValuesLifetimes_andPackIntoThreeBuffers() {
        Node x = Input.of(4, 4, 8);
        Node a = ReLU.of().apply(BatchNormalization.of().named("bn1").apply(
                Conv2D.of(8, 3).withPadding(Padding.SAME).withoutBias().named("conv1").apply(x)));
        Node b = BatchNormalization.of().named("bn2").apply(
                Conv2D.of(8, 3).withPadding(Padding.SAME).withoutBias().named("conv2").apply(a));
        Model block = Model.of("block", x, ReLU.of().apply(Add.of().apply(b, x)));
        OpPlan plan = OpPlanner.forInference(block).plan(List.of(Shape.of(1, 4, 4, 8)));

        List<Request> requests = CudaBufferPlanner.requests(plan);

        // Steps: 0 conv1+relu (x -> a), 1 conv2 (a -> b), 2 add+relu writing over b (b, x -> b). Each value is
        // 4*4*8 floats = 512 bytes; x lives until the Add, b is the output (read after step 2).
        assertThat(requests).containsExactly(new Request(512, 0, 2), new Request(512, 0, 1), new Request(512, 1, 3));
        // While conv2 reads a and writes b, x is alive too: three buffers, the lower bound.
        assertThat(CudaBufferPlanner.plan(requests).arenaBytes()).isEqualTo(3 * 512)
                .isEqualTo(CudaBufferPlanner.lowerBound(requests));
    }

    @Test
    void requests_ofAReshapedValue_areOne_soAReshapeCostsNoLaunchAndNoMemory() {
        Node x = Input.of(3, 3, 4);
        Node flat = Flatten.of().apply(ReLU.of().apply(x));
        Model model = Model.of("flat", x, Softmax.of().apply(flat));
        OpPlan plan = OpPlanner.forInference(model).plan(List.of(Shape.of(2, 3, 3, 4)));

        // x, relu(x) (read by the softmax as [2, 36]) and the softmax: two launches, three buffers of 288 bytes.
        assertThat(plan.steps()).hasSize(2);
        assertThat(CudaBufferPlanner.requests(plan)).extracting(Request::bytes).containsExactly(288L, 288L, 288L);
    }

    private static void assertNoLiveOverlap(List<Request> requests, Plan plan) {
        for (int i = 0; i < requests.size(); i++) {
            long start = plan.offsets()[i];
            long end = start + requests.get(i).bytes();
            assertThat(end).isLessThanOrEqualTo(plan.arenaBytes());
            for (int j = i + 1; j < requests.size(); j++) {
                if (requests.get(i).overlapsInTime(requests.get(j))) {
                    long s = plan.offsets()[j];
                    long e = s + requests.get(j).bytes();
                    assertThat(end <= s || e <= start)
                            .as("requests %d and %d are alive together and overlap in memory", i, j).isTrue();
                }
            }
        }
    }
}
