package dev.tracks.storage.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypesTest {

    @ParameterizedTest
    @CsvSource({
        "image/png, image/png",
        "IMAGE/PNG, image/png",
        "'  application/pdf  ', application/pdf",
        "text/plain; charset=UTF-8, text/plain",
        "'text/html;charset=utf-8;q=0.9', text/html",
        "image/svg+xml, image/svg+xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document,"
            + " application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/x-tar, application/x-tar"
    })
    void typeAndSubtypeAreKept(String value, String expected) {
        assertThat(MediaTypes.parse(value)).contains(expected);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "image", "image/", "/png", "*/*", "image/*", "image/png extra", "text/html, image/png",
        "image/png\r\nSet-Cookie: a=b", "ima ge/png", "image/pngé", "image//png", "-image/png", "; charset=utf-8"})
    void malformedTypeIsEmpty(String value) {
        assertThat(MediaTypes.parse(value)).isEmpty();
    }

    @Test
    void maxNameLengthIs127() {
        String longest = "a".repeat(127);

        assertThat(MediaTypes.parse(longest + "/" + longest)).contains(longest + "/" + longest);
        assertThat(MediaTypes.parse(longest + "a/png")).isEmpty();
        assertThat(MediaTypes.parse("image/" + longest + "a")).isEmpty();
    }
}
