package org.resnet4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void write_compactText_readsBackEqual() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "a \"quoted\" \\ name\n\t\u0001");
        value.put("n", 64L);
        value.put("list", List.of(1L, 2.5, true, false));
        value.put("none", null);
        value.put("nested", Map.of("k", List.of()));

        String json = JsonWriter.write(value);

        assertThat(json).startsWith("{\"name\":\"a \\\"quoted\\\" \\\\ name\\n\\t\\u0001\",\"n\":64,");
        assertThat(JsonParser.parse(json)).isEqualTo(value);
    }

    @Test
    void doubles_roundTripToTheSameBits_andFloatsAreWidenedFirst() {
        for (double d : new double[] {1.001e-5, 1e-3, 0.1, 1.0 / 3, -2.5e300, 4.9e-324}) {
            assertThat((Double) JsonParser.parse(JsonWriter.write(d))).isEqualTo(d);
        }
        assertThat((Double) JsonParser.parse(JsonWriter.write(0.1f))).isEqualTo((double) 0.1f);
    }

    @Test
    void integersOfEveryWidth_areWrittenAsIntegers() {
        assertThat(JsonWriter.write(List.of(1, 2L, (short) 3, (byte) 4))).isEqualTo("[1,2,3,4]");
    }

    @Test
    void nonFiniteNumbersAndUnknownTypes_areRefused() {
        assertThatThrownBy(() -> JsonWriter.write(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> JsonWriter.write(Map.of("x", new Object())))
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> JsonWriter.write(Map.of(1, 2))).hasMessageContaining("keys must be strings");
    }

    @Test
    void writePretty_putsEachObjectOfAListOnItsOwnLine_andKeepsTheRestOnOne() {
        Map<String, Object> small = new LinkedHashMap<>();
        small.put("a", List.of(1, List.of(2, 3)));
        small.put("b", Map.of("c", "x"));
        assertThat(JsonWriter.writePretty(small)).isEqualTo("{\"a\": [1, [2, 3]], \"b\": {\"c\": \"x\"}}\n");

        Map<String, Object> first = new LinkedHashMap<>();
        first.put("name", "x");
        first.put("config", Map.of("k", List.of(1L, 2L)));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", "m");
        model.put("layers", List.of(first, Map.of("name", "y")));
        model.put("outputs", List.of(List.of("y", 0L)));
        String expected = "{\n"
                + "  \"name\": \"m\",\n"
                + "  \"layers\": [\n"
                + "    {\"name\": \"x\", \"config\": {\"k\": [1, 2]}},\n"
                + "    {\"name\": \"y\"}\n"
                + "  ],\n"
                + "  \"outputs\": [[\"y\", 0]]\n"
                + "}\n";
        assertThat(JsonWriter.writePretty(model)).isEqualTo(expected);
        assertThat(JsonParser.parse(JsonWriter.writePretty(model))).isEqualTo(model);
    }
}
