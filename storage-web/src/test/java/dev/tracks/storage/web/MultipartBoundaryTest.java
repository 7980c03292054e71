package dev.tracks.storage.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MultipartBoundaryTest {

    @ParameterizedTest
    @ValueSource(strings = {"multipart/form-data; boundary=x", "Multipart/Form-Data;boundary=x", " multipart/form-data ", "multipart/form-data"})
    void formDataIsRecognized(String contentType) {
        assertThat(MultipartBoundary.isFormData(contentType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"multipart/mixed; boundary=x", "multipart/related; boundary=x", "multipart/form-datax; boundary=x",
        "application/x-www-form-urlencoded", "image/png", ""})
    void otherTypesAreNotFormData(String contentType) {
        assertThat(MultipartBoundary.isFormData(contentType)).isFalse();
        assertThat(MultipartBoundary.isFormData(null)).isFalse();
    }

    @Test
    void boundaryIsReadQuotedOrNot() {
        assertThat(boundaryOf("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"))
                .isEqualTo("----WebKitFormBoundary7MA4YWxkTrZu0gW");
        assertThat(boundaryOf("multipart/form-data; charset=UTF-8; BOUNDARY=\"a b:c?d\"")).isEqualTo("a b:c?d");
        assertThat(boundaryOf("multipart/form-data;boundary=abc ; charset=UTF-8")).isEqualTo("abc");
    }

    @Test
    void boundaryOfSeventyCharactersIsAccepted() {
        String boundary = "'()+_,-./:=? 0123456789".repeat(3) + "a";

        assertThat(boundary).hasSize(MultipartBoundary.MAX_LENGTH);
        assertThat(boundaryOf("multipart/form-data; boundary=\"" + boundary + "\"")).isEqualTo(boundary);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=\"\"",
        "multipart/form-data; boundary=\"abc \"",
        "multipart/form-data; boundary=\"abc",
        "multipart/form-data; boundary=a\"b",
        "multipart/form-data; boundary=ab\\c",
        "multipart/form-data; boundary=ab[c]",
        "multipart/form-data; boundary=abé",
        "multipart/form-data; boundary=a; boundary=b",
        "multipart/form-data; boundary=\"a\r\nb\""})
    void invalidBoundaryIsRejected(String contentType) {
        assertThat(MultipartBoundary.of(contentType)).isEmpty();
    }

    @Test
    void boundaryOverSeventyCharactersIsRejected() {
        assertThat(MultipartBoundary.of("multipart/form-data; boundary=" + "a".repeat(MultipartBoundary.MAX_LENGTH + 1))).isEmpty();
    }

    private static String boundaryOf(String contentType) {
        return new String(MultipartBoundary.of(contentType).orElseThrow(), StandardCharsets.US_ASCII);
    }
}
