package org.resnet4j.cli;

import picocli.CommandLine.IVersionProvider;

/** The version for {@code --version}: the jar manifest's Implementation-Version, or a marker outside the jar. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = ResNet4jCommand.class.getPackage().getImplementationVersion();
        return new String[] {"resnet4j " + (version == null ? "(development build, not from the jar)" : version),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
