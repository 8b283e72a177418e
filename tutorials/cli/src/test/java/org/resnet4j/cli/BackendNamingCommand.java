package org.resnet4j.cli;

import org.resnet4j.backend.tf.TfBackendProvider;

/** Breaks the tutorials' architecture rule on purpose: a command that names a backend class. Test code only. */
final class BackendNamingCommand {
    private BackendNamingCommand() {
    }

    /** The dependency the rule must reject. */
    static Object provider() {
        return new TfBackendProvider();
    }
}
