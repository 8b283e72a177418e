package org.resnet4j.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.resnet4j.spi.BackendProvider;

/**
 * The project's architecture as ArchUnit rules, run on every ResNet4J class on this module's test classpath: the
 * api with its contract kit, the three backends and the models. The tutorials module is not on this classpath (it
 * depends on this one), so its packages are named in the rules but only checked once its classes are imported.
 * {@link ArchitectureRulesCanFailTest} checks the same fields against classes written to break them.
 */
@AnalyzeClasses(packages = "org.resnet4j", importOptions = ProductionCodeAndContractKit.class)
class ArchitectureRulesTest {
    /** The api's packages; the contract kit {@code org.resnet4j.tck} counts as api because every backend runs it. */
    static final String[] API_PACKAGES = {
        "org.resnet4j", "org.resnet4j.tensor..", "org.resnet4j.ops..", "org.resnet4j.nn..", "org.resnet4j.spi..",
        "org.resnet4j.io..", "org.resnet4j.autodiff..", "org.resnet4j.training..", "org.resnet4j.plan..",
        "org.resnet4j.data..", "org.resnet4j.tck.."
    };

    static final String[] BACKEND_LIBRARIES = {"org.tensorflow..", "org.nd4j..", "jcuda..", "org.bytedeco.."};

    static final String BACKEND_PACKAGES = "org.resnet4j.backend..";

    @ArchTest
    static final ArchRule api_depends_on_no_backend_library_and_no_backend_package = noClasses()
            .that().resideInAnyPackage(API_PACKAGES)
            .should().dependOnClassesThat().resideInAnyPackage(BACKEND_LIBRARIES)
            .orShould().dependOnClassesThat().resideInAnyPackage(BACKEND_PACKAGES)
            .because("the api must load and compile with no backend on the classpath; "
                    + "backends plug in through java.util.ServiceLoader");

    // allowEmptyShould: models and the tutorials are filled by later issues, and the tutorials' classes are not on
    // this module's classpath at all; a rule about packages with no classes yet must pass, not fail the build.
    @ArchTest
    static final ArchRule models_and_tutorials_use_no_backend_package_and_no_backend_library = noClasses()
            .that().resideInAnyPackage("org.resnet4j.models..", "org.resnet4j.tutorials..", "org.resnet4j.cli..")
            .should().dependOnClassesThat().resideInAnyPackage(BACKEND_PACKAGES)
            .orShould().dependOnClassesThat().resideInAnyPackage(BACKEND_LIBRARIES)
            .because("models and lessons are written once against the api and run on whichever backend is chosen")
            .allowEmptyShould(true);

    // allowEmptyShould: the backend modules may still be empty shells.
    @ArchTest
    static final ArchRule backends_do_not_depend_on_each_other = slices()
            .matching("org.resnet4j.backend.(*)..")
            .should().notDependOnEachOther()
            .because("every backend must work alone on the classpath; backends are compared, never mixed")
            .allowEmptyShould(true);

    // allowEmptyShould: as above, a backend module may be an empty shell.
    @ArchTest
    static final ArchRule backends_make_only_their_provider_public = classes()
            .that().resideInAPackage(BACKEND_PACKAGES).and().arePublic()
            .should().implement(BackendProvider.class)
            .because("a backend is reached through java.util.ServiceLoader and the spi interfaces alone, so every "
                    + "backend shows the same surface and can change everything behind its provider")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule packages_are_free_of_cycles = slices()
            .matching("org.resnet4j.(**)")
            .should().beFreeOfCycles()
            .because("a package cycle makes the layers impossible to read, test or split one at a time");
}
