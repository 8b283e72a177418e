package org.resnet4j.backend.nd4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.resnet4j.spi.Availability;
import org.resnet4j.spi.Backend;
import org.resnet4j.spi.BackendProvider;

/** Discovery and probing of the ND4J provider. */
class Nd4jBackendProviderTest {

    @Test
    void serviceLoader_findsTheNd4jProvider() {
        assertThat(ServiceLoader.load(BackendProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(Nd4jBackendProvider.class);
    }

    @Test
    void provider_isNamedNd4j_withPriority10() {
        Nd4jBackendProvider provider = new Nd4jBackendProvider();
        assertThat(provider.name()).isEqualTo("nd4j");
        assertThat(provider.priority()).isEqualTo(10);
    }

    @Test
    void probe_findsTheLinuxNatives_andCreateGivesABackendNamedNd4j() {
        Availability availability = new Nd4jBackendProvider().probe();
        assertThat(availability.available()).as(availability.reason()).isTrue();
        try (Backend backend = new Nd4jBackendProvider().create()) {
            assertThat(backend.name()).isEqualTo("nd4j");
        }
    }
}
