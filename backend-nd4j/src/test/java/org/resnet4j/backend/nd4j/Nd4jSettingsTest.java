package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The ND4J thread, pool, oneDNN and OpenBLAS settings read from system properties, with errors naming the property. */
class Nd4jSettingsTest {

    @AfterEach
    void clear() {
        System.clearProperty(Nd4jSettings.THREADS_PROPERTY);
        System.clearProperty(Nd4jSettings.POOL_PROPERTY);
        System.clearProperty(Nd4jSettings.ONEDNN_PROPERTY);
        System.clearProperty(Nd4jSettings.BLAS_THREADS_PROPERTY);
        System.clearProperty(Nd4jOneDnnConvolution.KERNELS_PROPERTY);
        System.clearProperty(Nd4jOneDnnKernelGradient.LAYOUT_PROPERTY);
    }

    @Test
    void badOneDnnKernelSettings_failTheBackendsCreation_namingTheProperty() {
        System.setProperty(Nd4jOneDnnConvolution.KERNELS_PROPERTY, "quickest");
        assertThatThrownBy(Nd4jBackend::new).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dresnet4j.nd4j.onednnConvolution.kernels").hasMessageContaining("quickest");
        System.clearProperty(Nd4jOneDnnConvolution.KERNELS_PROPERTY);
        System.setProperty(Nd4jOneDnnKernelGradient.LAYOUT_PROPERTY, "nchw");
        assertThatThrownBy(Nd4jBackend::new).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dresnet4j.nd4j.onednnKernelGradient.layout").hasMessageContaining("nchw");
    }

    @Test
    void blasThreads_defaultIsOne_andThePropertyIsRead() {
        assertThat(Nd4jSettings.blasThreads()).isEqualTo(1);
        System.setProperty(Nd4jSettings.BLAS_THREADS_PROPERTY, " 3 ");
        assertThat(Nd4jSettings.blasThreads()).isEqualTo(3);
    }

    @Test
    void blasThreads_zero_isAnErrorNamingTheProperty() {
        System.setProperty(Nd4jSettings.BLAS_THREADS_PROPERTY, "0");
        assertThatThrownBy(Nd4jSettings::blasThreads).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dresnet4j.nd4j.blasThreads expects a positive number of threads. Received: \"0\"");
    }

    @Test
    void apply_setsOpenBlasThreads() {
        System.setProperty(Nd4jSettings.BLAS_THREADS_PROPERTY, "2");
        new Nd4jBackend().close();
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(2);
        System.clearProperty(Nd4jSettings.BLAS_THREADS_PROPERTY);
        new Nd4jBackend().close();
        assertThat(Nd4j.factory().blas().getMaxThreads()).isEqualTo(1);
    }

    @Test
    void oneDnnAllowed_onlyFalseTurnsItOff() {
        assertThat(Nd4jSettings.oneDnnAllowed()).isTrue();
        System.setProperty(Nd4jSettings.ONEDNN_PROPERTY, "FALSE");
        assertThat(Nd4jSettings.oneDnnAllowed()).isFalse();
        System.setProperty(Nd4jSettings.ONEDNN_PROPERTY, "true");
        assertThat(Nd4jSettings.oneDnnAllowed()).isTrue();
    }

    @Test
    void threads_property_isRead() {
        System.setProperty(Nd4jSettings.THREADS_PROPERTY, "2");
        assertThat(Nd4jSettings.threads()).isEqualTo(OptionalInt.of(2));
    }

    @Test
    void threads_negative_isAnErrorNamingTheProperty() {
        System.setProperty(Nd4jSettings.THREADS_PROPERTY, "-1");
        assertThatThrownBy(Nd4jSettings::threads).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dresnet4j.nd4j.threads expects a positive number of threads. Received: \"-1\"");
    }

    @Test
    void poolBytes_defaultIs1GiB_andThePropertyIsInMiB() {
        assertThat(Nd4jSettings.poolBytes()).isEqualTo(1024L * 1024 * 1024);
        System.setProperty(Nd4jSettings.POOL_PROPERTY, "3");
        assertThat(Nd4jSettings.poolBytes()).isEqualTo(3L * 1024 * 1024);
        System.setProperty(Nd4jSettings.POOL_PROPERTY, "0");
        assertThat(Nd4jSettings.poolBytes()).isZero();
    }

    @Test
    void poolBytes_notANumber_isAnErrorNamingTheProperty() {
        System.setProperty(Nd4jSettings.POOL_PROPERTY, "lots");
        assertThatThrownBy(Nd4jSettings::poolBytes).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dresnet4j.nd4j.poolMegabytes expects a number of MiB, 0 or more. Received: \"lots\"");
    }
}
