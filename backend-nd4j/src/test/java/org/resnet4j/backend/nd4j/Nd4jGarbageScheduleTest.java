package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Nd4jGarbageSchedule}: when a training step asks for a garbage collection, and its setting. */
class Nd4jGarbageScheduleTest {
    private final AtomicInteger collections = new AtomicInteger();

    @AfterEach
    void clearProperty() {
        System.clearProperty(Nd4jSettings.GC_STEPS_PROPERTY);
    }

    @Test
    void everyHundredSteps_collectsAfterTheHundredthAndTheTwoHundredth() {
        Nd4jGarbageSchedule schedule = new Nd4jGarbageSchedule(100, collections::incrementAndGet);
        for (int step = 1; step <= 250; step++) {
            schedule.stepTaken();
            if (step == 99) {
                assertThat(collections.get()).as("after 99 steps").isZero();
            }
            if (step == 100) {
                assertThat(collections.get()).as("after 100 steps").isEqualTo(1);
            }
        }
        assertThat(collections.get()).as("after 250 steps").isEqualTo(2);
    }

    @Test
    void zeroSteps_neverCollects() {
        Nd4jGarbageSchedule schedule = new Nd4jGarbageSchedule(0, collections::incrementAndGet);
        for (int step = 0; step < 1_000; step++) {
            schedule.stepTaken();
        }
        assertThat(collections.get()).isZero();
    }

    @Test
    void negativeSteps_areRefused() {
        assertThatThrownBy(() -> new Nd4jGarbageSchedule(-1, collections::incrementAndGet))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Nd4jGarbageSchedule expects a number of steps, 0 or more. Received: -1");
    }

    @Test
    void setting_defaultsToTen_andReadsTheProperty() {
        assertThat(Nd4jSettings.garbageCollectionSteps()).isEqualTo(Nd4jSettings.DEFAULT_GC_STEPS).isEqualTo(10);
        System.setProperty(Nd4jSettings.GC_STEPS_PROPERTY, "0");
        assertThat(Nd4jSettings.garbageCollectionSteps()).isZero();
        System.setProperty(Nd4jSettings.GC_STEPS_PROPERTY, "-3");
        assertThatThrownBy(Nd4jSettings::garbageCollectionSteps).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-D" + Nd4jSettings.GC_STEPS_PROPERTY);
    }
}
