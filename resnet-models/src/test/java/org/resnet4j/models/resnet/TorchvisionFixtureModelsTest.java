package org.resnet4j.models.resnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.resnet4j.io.JsonWriter;
import org.resnet4j.io.ModelDescription;
import org.resnet4j.models.io.TorchvisionImporter;
import org.resnet4j.nn.Model;
import org.resnet4j.tck.TorchvisionFixtures;
import org.resnet4j.tensor.HostTensor;

/**
 * The ResNet4J model stored next to each torchvision fixture ({@code NAME.model.json}, read by {@link
 * TorchvisionFixtures.Case#model()} in modules that cannot use this module's builders, such as a backend's) is still
 * what the builders build, with the torchvision names this module's importer uses. When a builder changes, the test
 * writes the new file under {@code target/torchvision-fixture-models/} and says where to copy it.
 */
class TorchvisionFixtureModelsTest {
    private static final Path WRITTEN = Path.of("target", "torchvision-fixture-models");

    static Stream<String> cases() {
        return TorchvisionGoldenModels.CASES.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void storedModel_isWhatTheBuildersBuild_withTheImportersNames(String fixture) throws IOException {
        String expected = storedFileFor(TorchvisionFixtures.load(fixture));
        String stored = storedText(fixture + ".model.json");

        if (!expected.equals(stored)) {
            Files.createDirectories(WRITTEN);
            Files.writeString(WRITTEN.resolve(fixture + ".model.json"), expected);
        }
        assertThat(stored).as(fixture + ".model.json is out of date: copy resnet-models/" + WRITTEN + "/" + fixture
                + ".model.json to api/src/test/resources/fixtures/torchvision/").isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void storedModel_loadsTheSameWeightsAsTheImporter(String fixture) {
        TorchvisionFixtures.Case c = TorchvisionFixtures.load(fixture);
        Map<String, HostTensor> imported = TorchvisionGoldenModels.withWeights(c).parameters().asMap();
        Map<String, HostTensor> stored = c.model().parameters().asMap();

        assertThat(stored.keySet()).containsExactlyElementsOf(imported.keySet());
        imported.forEach((name, value) -> {
            assertThat(stored.get(name).shape()).as(name).isEqualTo(value.shape());
            assertThat(stored.get(name).data()).as(name).containsExactly(value.data());
        });
    }

    /** The file's content: the model's description, and the torchvision tensor each parameter is loaded from. */
    private static String storedFileFor(TorchvisionFixtures.Case c) {
        Model model = TorchvisionGoldenModels.build(c);
        Map<String, String> torchNameOf = new LinkedHashMap<>();
        c.weights().floatTensors().forEach((torchName, value) -> {
            // One tensor at a time through the importer, to learn the parameter it becomes.
            String parameter = TorchvisionImporter.convert(Map.of(torchName, value),
                    TorchvisionGoldenModels.modules(c.name())).keySet().iterator().next();
            torchNameOf.put(parameter, torchName);
        });
        Map<String, String> inModelOrder = new LinkedHashMap<>();
        model.parameters().names().forEach(p -> inModelOrder.put(p, torchNameOf.get(p)));
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("model", ModelDescription.of(model));
        file.put("torchvision_names", inModelOrder);
        return JsonWriter.writePretty(file) + "\n";
    }

    private static String storedText(String fileName) {
        try {
            return TorchvisionFixtures.readText(fileName);
        } catch (IllegalArgumentException notThereYet) {
            return "";
        }
    }
}
