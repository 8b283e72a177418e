package org.resnet4j.cli;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.resnet4j.Backends;

/**
 * Runs a command in a child JVM whose environment keeps TensorFlow's C++ start-up lines quiet.
 *
 * <p>TensorFlow reads {@code TF_CPP_MIN_LOG_LEVEL} from the process environment when it first logs, and Java cannot
 * change its own process' environment (TensorFlow Java has no system property for it, JavaCPP no {@code setenv}).
 * So when a command is about to load TensorFlow and the user did not ask for {@code --verbose}, the command line
 * starts itself again in a child JVM (same {@code java}, JVM options, jar or class path, and arguments) with
 * {@code TF_CPP_MIN_LOG_LEVEL=1} (INFO lines off; warnings and errors stay) unless the user set it, passes standard
 * input and output straight through, copies the child's standard error through {@link NativeLogFilter} (for the two
 * lines Abseil writes whatever the environment says), and exits with the child's exit code.
 */
final class QuietChildJvm {
    /** The environment variable TensorFlow's C++ logging reads: 1 leaves out INFO, 2 also WARNING, 3 also ERROR. */
    static final String TF_LOG_LEVEL = "TF_CPP_MIN_LOG_LEVEL";
    static final String QUIET_TF_LOG_LEVEL = "1";
    /** Set in the child, so that it runs the command itself instead of starting another child. */
    static final String CHILD_PROPERTY = "resnet4j.cli.quietChild";
    /** The commands that create backends, and so load native libraries. */
    static final Set<String> COMMANDS_LOADING_BACKENDS = Set.of("run", "gradients", "predict", "parity", "bench",
            "demo", "train", "evaluate");
    /** The commands that never create a backend: the ones that only describe. */
    static final Set<String> COMMANDS_LOADING_NO_BACKEND = Set.of("backends", "summary");
    private static final String TENSORFLOW_BACKEND = "tf";

    private QuietChildJvm() {
    }

    /**
     * Whether {@code args} should run in a quiet child JVM: not {@code --verbose}, not already the child, a command
     * that creates backends, TensorFlow among the backends found, a class path the child can start from (not the
     * case under {@code mvn exec:java}), and no debugger or Java agent on the JVM's command line (the child would
     * start it a second time, and a debugger's port is already taken; debugging also wants the command in this JVM).
     */
    static boolean wanted(String[] args, boolean verbose) {
        return !verbose
                && !Boolean.getBoolean(CHILD_PROPERTY)
                && COMMANDS_LOADING_BACKENDS.contains(commandName(args))
                && Backends.providers().stream().anyMatch(p -> TENSORFLOW_BACKEND.equals(p.name()))
                && mainClassOnSystemClassPath()
                && jvmArguments().stream().noneMatch(QuietChildJvm::isAgent);
    }

    /** The subcommand named in {@code args}: the first argument that is not an option; empty if there is none. */
    static String commandName(String[] args) {
        return Arrays.stream(args).filter(a -> !a.startsWith("-")).findFirst().orElse("");
    }

    /**
     * The child's command line: this JVM's {@code java} and options, the marker, then {@code -jar JAR} if this JVM was
     * started that way (so that the jar's manifest applies to the child too) or else {@code -cp CLASSPATH MAIN}, and
     * the same arguments.
     */
    static List<String> childCommand(String[] args, List<String> jvmArguments, String classPath, String javaCommand) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArguments);
        command.add("-D" + CHILD_PROPERTY + "=true");
        if (startedWithJar(classPath, javaCommand)) {
            command.add("-jar");
            command.add(classPath);
        } else {
            command.add("-cp");
            command.add(classPath);
            command.add(ResNet4jCommand.class.getName());
        }
        command.addAll(List.of(args));
        return command;
    }

    /** {@code java -jar JAR ...} leaves the jar as the whole class path and as the start of the command. */
    private static boolean startedWithJar(String classPath, String javaCommand) {
        return classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator) && javaCommand != null
                && (javaCommand.equals(classPath) || javaCommand.startsWith(classPath + " "));
    }

    /** The child's environment: this one, with TensorFlow's INFO lines turned off unless the user set the level. */
    static void quietEnvironment(Map<String, String> environment) {
        environment.putIfAbsent(TF_LOG_LEVEL, QUIET_TF_LOG_LEVEL);
    }

    /** Runs {@code args} in the child JVM and returns its exit code. */
    static int run(String[] args) {
        ProcessBuilder builder = new ProcessBuilder(childCommand(args, jvmArguments(),
                System.getProperty("java.class.path"), System.getProperty("sun.java.command")))
                .redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        quietEnvironment(builder.environment());
        try {
            Process child = builder.start();
            // Stopping the parent (kill PID) stops the child too; Ctrl-C reaches both anyway.
            Thread stopChild = new Thread(child::destroy, "resnet4j-stop-child");
            Runtime.getRuntime().addShutdownHook(stopChild);
            Thread copier = new Thread(() -> copyStandardError(child.getErrorStream()), "resnet4j-child-stderr");
            copier.start();
            int exitCode = child.waitFor();
            copier.join();
            Runtime.getRuntime().removeShutdownHook(stopChild);
            return exitCode;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a child JVM for a quiet run (--verbose runs in this JVM)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.FAILURE;
        }
    }

    private static void copyStandardError(InputStream childStandardError) {
        // Straight to file descriptor 2: bytes pass unchanged, whatever System.err's encoding.
        OutputStream standardError = new FileOutputStream(FileDescriptor.err);
        try (InputStream in = childStandardError) {
            NativeLogFilter.copy(in, standardError);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> jvmArguments() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments();
    }

    private static boolean isAgent(String jvmArgument) {
        return jvmArgument.startsWith("-agentlib:") || jvmArgument.startsWith("-agentpath:")
                || jvmArgument.startsWith("-javaagent:");
    }

    private static boolean mainClassOnSystemClassPath() {
        try {
            Class.forName(ResNet4jCommand.class.getName(), false, ClassLoader.getSystemClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
