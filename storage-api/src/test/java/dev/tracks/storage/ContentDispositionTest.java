package dev.tracks.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tracks.storage.ContentDisposition.Type;
import org.junit.jupiter.api.Test;

class ContentDispositionTest {

    @Test
    void asciiNameAppearsInBothForms() {
        String header = new ContentDisposition(Type.ATTACHMENT, "report.pdf").headerValue();

        assertThat(header).isEqualTo("attachment; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    }

    @Test
    void accentedNameFallsBackToPlainLetters() {
        String header = new ContentDisposition(Type.INLINE, "résumé.pdf").headerValue();

        assertThat(header).isEqualTo("inline; filename=\"resume.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf");
    }

    @Test
    void emojiAndCjkArePercentEncoded() {
        String header = new ContentDisposition(Type.ATTACHMENT, "写真🎉.png").headerValue();

        assertThat(header).isEqualTo("attachment; filename=\"___.png\"; filename*=UTF-8''%E5%86%99%E7%9C%9F%F0%9F%8E%89.png");
    }

    @Test
    void quotesBackslashesAndControlCharactersCannotBreakTheHeader() {
        String header = new ContentDisposition(Type.ATTACHMENT, "a\"b\\c\r\nSet-Cookie: x;%.txt").headerValue();

        assertThat(header).doesNotContain("\r").doesNotContain("\n");
        assertThat(header).startsWith("attachment; filename=\"a_b_c__Set-Cookie: x;_.txt\"; filename*=UTF-8''");
        assertThat(header).endsWith("a%22b%5Cc%0D%0ASet-Cookie%3A%20x%3B%25.txt");
    }

    @Test
    void missingFilenameGivesTypeAlone() {
        assertThat(new ContentDisposition(Type.INLINE, null).headerValue()).isEqualTo("inline");
        assertThat(new ContentDisposition(Type.ATTACHMENT, " ").headerValue()).isEqualTo("attachment");
    }

    @Test
    void typeParsesIgnoringCase() {
        assertThat(Type.parse("Inline")).isEqualTo(Type.INLINE);
        assertThatThrownBy(() -> Type.parse("download"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use 'inline' or 'attachment'");
    }
}
