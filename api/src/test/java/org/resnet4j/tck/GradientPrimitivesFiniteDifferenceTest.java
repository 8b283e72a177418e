package org.resnet4j.tck;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every backward primitive of the reference, in float64, against central differences ({@link GradientChecks}). */
class GradientPrimitivesFiniteDifferenceTest {

    @TestFactory
    Stream<DynamicTest> everyBackwardPrimitive_matchesCentralDifferencesInFloat64() {
        Float64Ops ops = new Float64Ops();
        return GradientChecks.all().stream()
                .map(check -> DynamicTest.dynamicTest(check.name() + "_matchesFiniteDifferences",
                        () -> check.run().accept(ops)));
    }
}
