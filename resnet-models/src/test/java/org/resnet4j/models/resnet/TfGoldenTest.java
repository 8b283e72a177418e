package org.resnet4j.models.resnet;

/** The torchvision goldens (every block kind, the stem, tiny ResNet-18 and -50) on the "tf" backend. */
class TfGoldenTest extends BackendGoldenTest {
    TfGoldenTest() {
        super("tf");
    }
}
