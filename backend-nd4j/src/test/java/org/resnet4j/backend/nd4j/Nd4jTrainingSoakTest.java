package org.resnet4j.backend.nd4j;

import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.TrainingSoakContract;

/** The training leak check on nd4j (its pooled step); tagged {@code soak}, run on demand only. */
class Nd4jTrainingSoakTest implements TrainingSoakContract {
    @Override
    public BackendProvider provider() {
        return new Nd4jBackendProvider();
    }
}
