package dev.tracks.storage.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilenameTest {

    @Test
    void plainNameIsKept() {
        assertThat(Filename.of("report.pdf").value()).isEqualTo("report.pdf");
        assertThat(Filename.of("Quarterly report (final).pdf").value()).isEqualTo("Quarterly report (final).pdf");
    }

    @ParameterizedTest
    @CsvSource({
        "/etc/passwd, passwd",
        "../../secret.txt, secret.txt",
        "uploads/2026/photo.png, photo.png",
        "'C:\\Users\\alice\\Desktop\\photo.png', photo.png",
        "'..\\..\\boot.ini', boot.ini",
        "'mixed/path\\to/file.txt', file.txt"
    })
    void onlyTheLastPathSegmentIsKept(String raw, String expected) {
        assertThat(Filename.of(raw).value()).isEqualTo(expected);
    }

    @Test
    void controlCharactersAreRemoved() {
        assertThat(Filename.of("re\u0000port\r\n.pdf").value()).isEqualTo("report.pdf");
        assertThat(Filename.of("tab\there\u007f\u0085.txt").value()).isEqualTo("tabhere.txt");
    }

    @Test
    void nameIsNormalizedToNfc() {
        String decomposed = "re\u0301sume\u0301.pdf";

        assertThat(Filename.of(decomposed).value()).isEqualTo("r\u00e9sum\u00e9.pdf");
    }

    @ParameterizedTest
    @ValueSource(strings = {".", "..", "folder/..", "C:\\x\\.."})
    void dotNameIsRejectedNamingTheField(String raw) {
        assertThatThrownBy(() -> Filename.of(raw))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("filename"))
                .hasMessageContaining("names no file");
    }

    @Test
    void zeroWidthCharactersAreRemovedButJoinersKept() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67";

        assertThat(Filename.of("a\u200Bb\uFEFF\u2060.pdf").value()).isEqualTo("ab.pdf");
        assertThat(Filename.of(family + ".png").value()).isEqualTo(family + ".png");
    }

    @Test
    void surroundingWhitespaceIsStripped() {
        assertThat(Filename.of("  report.pdf \t").value()).isEqualTo("report.pdf");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "/", "C:\\Users\\alice\\", "\u0000\u0001", "folder/ \u0007"})
    void blankNameIsRejectedNamingTheField(String raw) {
        assertThatThrownBy(() -> Filename.of(raw))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("filename"))
                .hasMessageContaining("filename is blank");
    }

    @Test
    void nameOf255CharactersIsAccepted() {
        String name = "a".repeat(Filename.MAX_LENGTH - 4) + ".txt";

        assertThat(Filename.of(name).value()).hasSize(255);
    }

    @Test
    void nameOf256CharactersIsRejected() {
        String name = "a".repeat(252) + ".txt";

        assertThatThrownBy(() -> Filename.of(name))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("filename"))
                .hasMessageContaining("256 UTF-16 code units long")
                .hasMessageContaining("maximum is 255");
    }

    @Test
    void lengthIsCheckedAfterThePathIsStripped() {
        String name = "d/".repeat(200) + "photo.png";

        assertThat(Filename.of(name).value()).isEqualTo("photo.png");
    }
}
