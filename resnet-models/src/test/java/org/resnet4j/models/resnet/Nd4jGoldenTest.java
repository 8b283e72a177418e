package org.resnet4j.models.resnet;

/** The torchvision goldens (every block kind, the stem, tiny ResNet-18 and -50) on the "nd4j" backend. */
class Nd4jGoldenTest extends BackendGoldenTest {
    Nd4jGoldenTest() {
        super("nd4j");
    }
}
