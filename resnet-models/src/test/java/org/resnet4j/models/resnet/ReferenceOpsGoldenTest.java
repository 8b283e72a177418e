package org.resnet4j.models.resnet;

import org.resnet4j.nn.Model;
import org.resnet4j.ops.Ops;
import org.resnet4j.spi.CompiledModel;
import org.resnet4j.tck.ReferenceBackend;
import org.resnet4j.tck.ReferenceOps;

/** The torchvision goldens on {@link ReferenceOps}, the plain-loop oracle: proves the models wire what torchvision wires. */
class ReferenceOpsGoldenTest extends TorchvisionGoldenContract {
    private final Ops ops = new ReferenceOps();

    @Override
    protected Ops ops() {
        return ops;
    }

    /** The api's default compile: the unfused model interpreted on the reference ops. */
    @Override
    protected CompiledModel compile(Model model) {
        return new ReferenceBackend("reference", ops).compile(model);
    }
}
