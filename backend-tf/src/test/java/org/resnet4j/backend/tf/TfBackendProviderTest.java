package org.resnet4j.backend.tf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.resnet4j.spi.BackendProvider;
import org.resnet4j.spi.Capability;
import org.resnet4j.spi.CpuFacts;

/** Discovery of the TensorFlow backend through ServiceLoader. */
class TfBackendProviderTest {
    @Test
    void serviceLoader_findsTheTfProvider_withPriority20() {
        BackendProvider tf = ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("tf")).findFirst().orElseThrow();
        assertThat(tf).isInstanceOf(TfBackendProvider.class);
        assertThat(tf.priority()).isEqualTo(20);
    }

    @Test
    void probe_onThisPlatform_isAvailable_andCreateGivesAGraphCompilingBackend() {
        TfBackendProvider provider = new TfBackendProvider();
        assertThat(provider.probe().available()).as(provider.probe().reason()).isTrue();
        try (var backend = provider.create()) {
            assertThat(backend.name()).isEqualTo("tf");
            assertThat(backend.capabilities()).contains(Capability.GRAPH_COMPILATION);
        }
    }

    @Test
    void performanceNotes_nameTheHiddenCacheSizes_onlyOnAnAmdCpuThatHidesThem() {
        CpuFacts hidden = new CpuFacts("AMD EPYC", "AuthenticAMD", Set.of("avx512f", "topoext"), false);
        CpuFacts visible = new CpuFacts("AMD EPYC", "AuthenticAMD", Set.of("avx512f", "topoext"), true);

        assertThat(TfBackendProvider.performanceNotes(hidden)).singleElement().asString()
                .contains("0x8000001D", "-Dresnet4j.tf.convolutions", "TF_ENABLE_ONEDNN_OPTS=0");
        assertThat(TfBackendProvider.performanceNotes(visible)).isEmpty();
    }

    @Test
    void platform_usesJavaCppSpelling() {
        String os = System.getProperty("os.name");
        try {
            System.setProperty("os.name", "Mac OS X");
            String arch = System.getProperty("os.arch");
            System.setProperty("os.arch", "aarch64");
            try {
                assertThat(TfBackendProvider.platform()).isEqualTo("macosx-arm64");
            } finally {
                System.setProperty("os.arch", arch);
            }
        } finally {
            System.setProperty("os.name", os);
        }
    }
}
