package org.resnet4j.backend.jcuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bounded, least-recently-used set of plans of a compiled model, with strings for plans and a list of released
 * ones for the GPU buffers: what is kept, what is dropped, in which order, and that every dropped plan is released
 * exactly once. Needs no GPU.
 */
class CudaPlanCacheTest {
    private final List<String> released = new ArrayList<>();
    private final List<String> built = new ArrayList<>();

    private String build(String key) {
        built.add(key);
        return "plan " + key;
    }

    @Test
    void get_sameKeyTwice_buildsOnce() {
        CudaPlanCache<String, String> cache = new CudaPlanCache<>(2, released::add);
        assertThat(cache.get("b1", this::build)).isEqualTo("plan b1");
        assertThat(cache.get("b1", this::build)).isEqualTo("plan b1");
        assertThat(built).containsExactly("b1");
        assertThat(released).isEmpty();
    }

    @Test
    void get_pastTheBound_releasesTheLeastRecentlyUsedPlan_beforeBuildingTheNewOne() {
        CudaPlanCache<String, String> cache = new CudaPlanCache<>(2, plan -> {
            released.add(plan);
            built.add("(released " + plan + ")");
        });
        cache.get("b1", this::build);
        cache.get("b2", this::build);
        cache.get("b1", this::build); // b1 is now more recent than b2
        cache.get("b3", this::build);

        assertThat(released).containsExactly("plan b2");
        assertThat(built).as("builds and releases in order").containsExactly("b1", "b2", "(released plan b2)", "b3");
        assertThat(cache.keys()).as("kept, least recently used first").containsExactly("b1", "b3");
    }

    @Test
    void get_aDroppedKeyComesBack_isRebuilt_andDropsTheNextLeastRecentlyUsed() {
        CudaPlanCache<String, String> cache = new CudaPlanCache<>(2, released::add);
        cache.get("b1", this::build);
        cache.get("b2", this::build);
        cache.get("b3", this::build);
        cache.get("b1", this::build);

        assertThat(built).containsExactly("b1", "b2", "b3", "b1");
        assertThat(released).containsExactly("plan b1", "plan b2");
        assertThat(cache.keys()).containsExactly("b3", "b1");
    }

    @Test
    void capacityOne_keepsOnlyTheLastPlan() {
        CudaPlanCache<String, String> cache = new CudaPlanCache<>(1, released::add);
        cache.get("b1", this::build);
        cache.get("b2", this::build);
        cache.get("b2", this::build);
        assertThat(released).containsExactly("plan b1");
        assertThat(cache.keys()).containsExactly("b2");
    }

    @Test
    void clear_releasesEveryPlanOnce_andEmptiesTheCache() {
        CudaPlanCache<String, String> cache = new CudaPlanCache<>(3, released::add);
        cache.get("b1", this::build);
        cache.get("b2", this::build);
        cache.clear();
        cache.clear();
        assertThat(released).containsExactlyInAnyOrder("plan b1", "plan b2");
        assertThat(cache.keys()).isEmpty();
    }

    @Test
    void get_whenBuildingFails_keepsNothingForTheKey() {
        CudaPlanCache<String, String> cache = new CudaPlanCache<>(2, released::add);
        assertThatThrownBy(() -> cache.get("b1", key -> {
            throw new IllegalStateException("cuMemAlloc failed (test double)");
        })).hasMessageContaining("cuMemAlloc");
        assertThat(cache.keys()).isEmpty();
        assertThat(cache.get("b1", this::build)).isEqualTo("plan b1");
    }

    @Test
    void capacity_fromTheSystemPropertyValue_defaultsToFour_andRejectsNonsenseNamingTheProperty() {
        assertThat(CudaPlanCache.capacity(null)).isEqualTo(4);
        assertThat(CudaPlanCache.capacity(" ")).isEqualTo(4);
        assertThat(CudaPlanCache.capacity("9")).isEqualTo(9);
        assertThatThrownBy(() -> CudaPlanCache.capacity("0")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dresnet4j.jcuda.maxPlans expects a whole number of plans, at least 1. Received: \"0\"");
        assertThatThrownBy(() -> CudaPlanCache.capacity("many")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Received: \"many\"");
        assertThatThrownBy(() -> new CudaPlanCache<String, String>(0, released::add))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
