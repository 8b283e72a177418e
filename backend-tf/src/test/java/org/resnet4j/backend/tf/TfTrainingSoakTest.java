package org.resnet4j.backend.tf;

import org.resnet4j.spi.BackendProvider;
import org.resnet4j.tck.TrainingSoakContract;

/** The training leak check on tf (its compiled step); tagged {@code soak}, run on demand only. */
class TfTrainingSoakTest implements TrainingSoakContract {
    @Override
    public BackendProvider provider() {
        return new TfBackendProvider();
    }
}
