package org.resnet4j.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs a subject class (a contract on a test double) through JUnit's EngineTestKit and reads what happened: the
 * plumbing every meta test of the kit shares, so that each one states only which tests must fail and which pass.
 */
final class SubjectRuns {
    private SubjectRuns() {
    }

    /** The test events of running {@code subject} with the kit's default configuration. */
    static Events testsOf(Class<?> subject) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(subject)).execute().testEvents();
    }

    /** All events (containers included) of running {@code subject} with the known-gaps file {@code knownGaps}. */
    static EngineExecutionResults runWithKnownGaps(Class<?> subject, String knownGaps) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(subject))
                .configurationParameter(BackendLifecycle.KNOWN_GAPS_PARAMETER, knownGaps).execute();
    }

    /** The test method names of {@code events}, sorted. */
    static Set<String> names(Events events) {
        Set<String> names = new TreeSet<>();
        events.stream().forEach(e -> names.add(methodName(e)));
        return names;
    }

    /** The name of the test method that produced {@code event}. */
    static String methodName(Event event) {
        return ((MethodSource) event.getTestDescriptor().getSource().orElseThrow()).getMethodName();
    }

    /** The message of the failure or skip that {@code event} reports. */
    static String message(Event event) {
        return event.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage();
    }

    /** The failure message of the test method {@code test} among {@code tests}; fails if it did not fail. */
    static String failureMessage(Events tests, String test) {
        return message(tests.failed().stream().filter(e -> methodName(e).equals(test)).findFirst().orElseThrow());
    }

    /** The failure message of the first failed test among {@code tests}. */
    static String firstFailureMessage(Events tests) {
        return message(tests.failed().stream().findFirst().orElseThrow());
    }
}
