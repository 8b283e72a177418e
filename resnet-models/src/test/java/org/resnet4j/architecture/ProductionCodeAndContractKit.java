package org.resnet4j.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * Imports the production classes of every module plus the contract kit {@code org.resnet4j.tck}. The kit ships in
 * the api's test-jar but is published code that every backend runs, so it must obey the api's rules; other test
 * classes (this module's own, the api's test helpers) are left out, whether they come as a directory or a jar.
 */
public final class ProductionCodeAndContractKit implements ImportOption {
    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");
    private static final ImportOption NO_TEST_DIRECTORIES = new ImportOption.DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
        if (location.contains("/org/resnet4j/tck/")) {
            return true;
        }
        return NO_TEST_DIRECTORIES.includes(location) && !location.matches(TEST_JAR);
    }
}
