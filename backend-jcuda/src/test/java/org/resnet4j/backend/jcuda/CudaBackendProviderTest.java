package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.BackendProvider;

class CudaBackendProviderTest {
    private final CudaBackendProvider provider = new CudaBackendProvider();

    @Test
    void provider_isNamedJcuda_withPriority30() {
        assertThat(provider.name()).isEqualTo("jcuda");
        assertThat(provider.priority()).isEqualTo(30);
    }

    @Test
    void serviceLoader_findsTheProvider() {
        assertThat(ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(CudaBackendProvider.class);
    }

    @Test
    void probe_neverThrows_andGivesAReasonWhenUnavailable_evenOnRepeatedCalls() {
        // The second call is the one that meets NoClassDefFoundError after a failed native load.
        for (int i = 0; i < 3; i++) {
            Availability a = provider.probe();
            if (!a.available()) {
                assertThat(a.reason()).isNotBlank();
            }
        }
    }

    @Test
    void probe_withoutNvidiaDriver_saysLibcudaIsMissing() {
        assumeFalse(new java.io.File("/dev/nvidiactl").exists(), "an NVIDIA device node exists here");
        Availability a = provider.probe();
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("libcuda.so.1 not found (no NVIDIA driver)");
        assertThat(provider.probe().reason()).contains("libcuda.so.1 not found");
    }

    @Test
    void probeUncached_secondTouchAfterFailedNativeLoad_stillSaysLibcudaIsMissing() {
        assumeFalse(new java.io.File("/dev/nvidiactl").exists(), "an NVIDIA device node exists here");
        CudaBackendProvider.probeUncached();
        Availability second = CudaBackendProvider.probeUncached();
        assertThat(second.available()).isFalse();
        assertThat(second.reason()).startsWith("libcuda.so.1 not found (no NVIDIA driver)");
    }

    @Test
    void linkFailureWithoutLibcudaMention_reportsTheFirstLineOfTheError() {
        String reason = CudaProbeMessages.linkFailure(new UnsatisfiedLinkError("GLIBC_2.99 not found\nmore"));
        assertThat(reason).isEqualTo("JCuda's native driver binding failed to load: GLIBC_2.99 not found");
    }

    @Test
    void create_whenUnavailable_throwsWithTheProbeReason() {
        Availability a = provider.probe();
        assumeFalse(a.available(), "a GPU is available here");
        assertThatThrownBy(provider::create).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("jcuda backend cannot run here").hasMessageContaining(a.reason());
    }
}
