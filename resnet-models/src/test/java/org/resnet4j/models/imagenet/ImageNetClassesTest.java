package org.resnet4j.models.imagenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageNetClassesTest {
    @Test
    void classes_areTheThousandDistinctWnidsInAscendingOrder() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ImageNetClasses.COUNT; i++) {
            String wnid = ImageNetClasses.wnid(i);
            assertThat(wnid).matches("n\\d{8}");
            assertThat(ImageNetClasses.name(i)).isNotBlank();
            assertThat(seen.add(wnid)).as("duplicate " + wnid).isTrue();
            if (i > 0) {
                assertThat(wnid).isGreaterThan(ImageNetClasses.wnid(i - 1));
            }
        }
    }

    @Test
    void classes_matchWellKnownEntriesOfTheKerasIndex() {
        // entries of Keras' imagenet_class_index.json, names written with spaces instead of underscores
        assertThat(ImageNetClasses.wnid(0)).isEqualTo("n01440764");
        assertThat(ImageNetClasses.name(0)).isEqualTo("tench");
        assertThat(ImageNetClasses.wnid(1)).isEqualTo("n01443537");
        assertThat(ImageNetClasses.name(1)).isEqualTo("goldfish");
        assertThat(ImageNetClasses.wnid(999)).isEqualTo("n15075141");
        assertThat(ImageNetClasses.name(999)).isEqualTo("toilet tissue");
    }

    @Test
    void wnid_outOfRange_namesTheRange() {
        assertThatThrownBy(() -> ImageNetClasses.wnid(1000)).hasMessageContaining("[0, 1000). Received: 1000");
    }
}
