package org.resnet4j.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

/** Thread settings: properties win, inter-op follows intra-op unless set, bad values name the property. */
class TfSettingsTest {

    @AfterEach
    void clear() {
        System.clearProperty(TfSettings.THREADS_PROPERTY);
        System.clearProperty(TfSettings.INTER_OP_PROPERTY);
    }

    @Test
    void config_threadsOnly_setsBothPools() {
        System.setProperty(TfSettings.THREADS_PROPERTY, "3");
        ConfigProto config = TfSettings.config();
        assertThat(config.getIntraOpParallelismThreads()).isEqualTo(3);
        assertThat(config.getInterOpParallelismThreads()).isEqualTo(3);
    }

    @Test
    void config_interOpSet_changesOnlyTheInterOpPool() {
        System.setProperty(TfSettings.THREADS_PROPERTY, "2");
        System.setProperty(TfSettings.INTER_OP_PROPERTY, "1");
        ConfigProto config = TfSettings.config();
        assertThat(config.getIntraOpParallelismThreads()).isEqualTo(2);
        assertThat(config.getInterOpParallelismThreads()).isEqualTo(1);
    }

    @Test
    void trainingConfig_usesOneInterOpThread_unlessSet() {
        System.setProperty(TfSettings.THREADS_PROPERTY, "2");
        assertThat(TfSettings.trainingConfig().getIntraOpParallelismThreads()).isEqualTo(2);
        assertThat(TfSettings.trainingConfig().getInterOpParallelismThreads()).isEqualTo(1);
        System.setProperty(TfSettings.INTER_OP_PROPERTY, "2");
        assertThat(TfSettings.trainingConfig().getInterOpParallelismThreads()).isEqualTo(2);
    }

    @Test
    void interOpThreads_zero_isAnErrorNamingTheProperty() {
        System.setProperty(TfSettings.INTER_OP_PROPERTY, "0");
        assertThatThrownBy(TfSettings::interOpThreads).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dresnet4j.tf.interOpThreads expects a positive number of threads. Received: \"0\"");
    }

    @Test
    void threads_notANumber_isAnErrorNamingTheProperty() {
        System.setProperty(TfSettings.THREADS_PROPERTY, "two");
        assertThatThrownBy(TfSettings::threads).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dresnet4j.tf.threads expects a positive number of threads. Received: \"two\"");
    }
}
