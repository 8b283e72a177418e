package org.resnet4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.resnet4j.bench.Benchmark;
import org.resnet4j.cli.ResNet4jCommand;
import org.resnet4j.tutorials.lesson01.ResidualBlockLesson;
import org.resnet4j.tutorials.lesson09.solutions.Exercise1Solution;

/**
 * The production classes of both tutorials modules (the command line and benchmarks of {@code tutorials/cli}, the
 * lessons and solutions of {@code tutorials/lessons}) reach backends only through {@code org.resnet4j.Backends}.
 * resnet-models' ArchitectureRulesTest names these packages too, but the tutorials' classes are not on its
 * classpath, so the rule is checked here; the lessons are on this module's test classpath for this test only.
 */
class TutorialsArchitectureTest {
    static final String[] TUTORIAL_PACKAGES = {"org.resnet4j.cli..", "org.resnet4j.bench..", "org.resnet4j.tutorials.."};

    static final ArchRule command_line_benchmarks_and_lessons_use_no_backend_package_and_no_backend_library = noClasses()
            .that().resideInAnyPackage(TUTORIAL_PACKAGES)
            .should().dependOnClassesThat().resideInAnyPackage("org.resnet4j.backend..")
            .orShould().dependOnClassesThat()
            .resideInAnyPackage("org.tensorflow..", "org.nd4j..", "jcuda..", "org.bytedeco..")
            .because("the command line and the lessons run on whichever backend is chosen; naming one would make the "
                    + "others unreachable and break the module without it");

    @Test
    void productionClasses_ofTheCommandLineAndTheLessons_followTheRule() throws URISyntaxException, IOException {
        // Each module's compiled production classes, wherever the build put them: target/classes, or the module's
        // jar when the reactor has packaged it (the lessons, in `./mvnw verify`).
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(List.of(productionClassesOf(ResNet4jCommand.class),
                        productionClassesOf(ResidualBlockLesson.class)));

        assertThat(classes.contain(ResNet4jCommand.class)).as("the command line was imported").isTrue();
        assertThat(classes.contain(Benchmark.class)).as("the benchmarks were imported").isTrue();
        assertThat(classes.contain(ResidualBlockLesson.class)).as("the lessons were imported").isTrue();
        assertThat(classes.contain(Exercise1Solution.class)).as("the solutions were imported").isTrue();
        command_line_benchmarks_and_lessons_use_no_backend_package_and_no_backend_library.check(classes);
    }

    private static Location productionClassesOf(Class<?> type) throws URISyntaxException, IOException {
        Path path = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Files.isDirectory(path) ? Location.of(path) : Location.of(new JarFile(path.toFile()));
    }

    @Test
    void rule_rejectsACommandThatNamesABackend() throws ClassNotFoundException {
        // Package-private test code in org.resnet4j.cli, so that the rule sees a command line class break it.
        JavaClasses violating = new ClassFileImporter()
                .importClasses(Class.forName("org.resnet4j.cli.BackendNamingCommand"));

        EvaluationResult result = command_line_benchmarks_and_lessons_use_no_backend_package_and_no_backend_library
                .evaluate(violating);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(d -> d.contains("TfBackendProvider"));
    }
}
