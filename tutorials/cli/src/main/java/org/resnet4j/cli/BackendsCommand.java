package org.resnet4j.cli;

import java.util.concurrent.Callable;
import org.resnet4j.Backends;
import picocli.CommandLine.Command;

/**
 * {@code resnet4j backends}: every backend provider found on the classpath, whether it can run here and if not why,
 * and the one that would be chosen. Nothing is created, so no native library is loaded.
 */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List every backend found, available or not and why, and the one that would be chosen.")
public final class BackendsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        Backends.describe().forEach(System.out::println);
        return ExitCodes.OK;
    }
}
