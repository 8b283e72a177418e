package org.resnet4j.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonParserTest {

    @Test
    void parse_nestedObjectsArraysAndScalars_keepKeyOrder() {
        Object value = JsonParser.parse(" {\"b\": [1, -2, 3.5e1], \"a\": {\"s\": \"x\\\"\\u00e9\\n\"}, \"t\": true,"
                + " \"f\": false, \"n\": null} ");
        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(List.copyOf(map.keySet())).isEqualTo(List.of("b", "a", "t", "f", "n"));
        assertThat(map.get("b")).isEqualTo(List.of(1L, -2L, 35.0));
        assertThat(((Map<?, ?>) map.get("a")).get("s")).isEqualTo("x\"\u00e9\n");
        assertThat(map.get("t")).isEqualTo(true);
        assertThat(map.get("n")).isNull();
    }

    @Test
    void parse_largeIntegers_areExactLongs() {
        assertThat(JsonParser.parse("[9007199254740993]")).isEqualTo(List.of(9007199254740993L));
    }

    @Test
    void parse_malformedText_failsWithPosition() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "{\"a\":1,}", "[1 2]", "\"open", "tru", "{} x", "-", "1.",
                "{\"a\":1,\"a\":2}", "[01e]", "\"\\q\"")) {
            assertThatThrownBy(() -> JsonParser.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Invalid JSON at character");
        }
    }

    @Test
    void parse_deepNesting_failsInsteadOfOverflowingTheStack() {
        char[] open = new char[100_000];
        Arrays.fill(open, '[');
        assertThatThrownBy(() -> JsonParser.parse(new String(open)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nesting");
    }
}
