package dev.tracks.storage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartHeadersTest {

    @Test
    void fileHeadersGiveNameFilenameAndType() throws MalformedMultipartException {
        PartHeaders headers = parse("Content-Disposition: form-data; name=\"file\"; filename=\"report.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n");

        assertThat(headers).isEqualTo(new PartHeaders("file", "report.pdf", "application/pdf"));
    }

    @Test
    void fieldHasNoFilename() throws MalformedMultipartException {
        assertThat(parse("Content-Disposition: form-data; name=title\r\n\r\n")).isEqualTo(new PartHeaders("title", null, null));
    }

    @Test
    void emptyFilenameIsKeptEmpty() throws MalformedMultipartException {
        assertThat(parse("Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n").filename()).isEmpty();
        assertThat(parse("Content-Disposition: form-data; name=\"file\"; filename\r\n\r\n").filename()).isEmpty();
    }

    @Test
    void namesAndValuesAreCaseInsensitiveAndTrimmed() throws MalformedMultipartException {
        PartHeaders headers = parse("content-DISPOSITION :  Form-Data ;NAME = \" a b \" ;  FileName=\"  x.txt \"  \r\n"
                + "CONTENT-TYPE:\t text/plain; charset=UTF-8 \t\r\n\r\n");

        assertThat(headers).isEqualTo(new PartHeaders("a b", "x.txt", "text/plain; charset=UTF-8"));
    }

    @Test
    void utf8FilenameIsDecoded() throws MalformedMultipartException {
        assertThat(parse("Content-Disposition: form-data; name=\"f\"; filename=\"résumé 文.pdf\"\r\n\r\n").filename())
                .isEqualTo("résumé 文.pdf");
    }

    @Test
    void extendedFilenameTakesPrecedence() throws MalformedMultipartException {
        assertThat(parse("Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf; filename=\"resume.pdf\"\r\n\r\n")
                .filename()).isEqualTo("résumé.pdf");
        assertThat(parse("Content-Disposition: form-data; name=\"f\"; filename=\"resume.pdf\"; filename*=utf-8'fr'r%c3%a9sum%c3%a9.pdf\r\n\r\n")
                .filename()).isEqualTo("résumé.pdf");
        assertThat(parse("Content-Disposition: form-data; name=\"f\"; filename*=ISO-8859-1''caf%E9.txt\r\n\r\n").filename())
                .isEqualTo("café.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8'r%C3%A9sum%C3%A9.pdf", "UTF-16''a", "UTF-8''%C3", "UTF-8''%G1", "UTF-8''%4", "UTF-8''a b",
        "UTF-8''é"})
    void invalidExtendedFilenameIsMalformed(String value) {
        assertThatThrownBy(() -> parse("Content-Disposition: form-data; name=\"f\"; filename*=" + value + "\r\n\r\n"))
                .isInstanceOf(MalformedMultipartException.class)
                .hasMessageContaining("filename*");
    }

    @Test
    void quotedPairEscapesOnlySeparators() throws MalformedMultipartException {
        assertThat(parse("Content-Disposition: form-data; name=\"f\"; filename=\"a \\\"b\\\" \\\\ c;d.txt\"\r\n\r\n").filename())
                .isEqualTo("a \"b\" \\ c;d.txt");
        assertThat(parse("Content-Disposition: form-data; name=\"f\"; filename=\"C:\\Users\\me\\file.txt\"\r\n\r\n").filename())
                .isEqualTo("C:\\Users\\me\\file.txt");
    }

    @Test
    void foldedHeaderIsJoinedWithOneSpace() throws MalformedMultipartException {
        PartHeaders headers = parse("Content-Disposition: form-data; name=\"f\"; filename=\"two\r\n \t words.txt\"\r\n\r\n");

        assertThat(headers.filename()).isEqualTo("two words.txt");
    }

    @Test
    void otherHeadersAndLinesWithoutColonAreIgnored() throws MalformedMultipartException {
        PartHeaders headers = parse("X-Note: a\r\nnot a header\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n");

        assertThat(headers).isEqualTo(new PartHeaders("a", null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"7bit", "8BIT", " binary "})
    void identityTransferEncodingIsAccepted(String encoding) throws MalformedMultipartException {
        PartHeaders headers = parse("Content-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding:" + encoding + "\r\n\r\n");

        assertThat(headers).isEqualTo(new PartHeaders("a", null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"attachment; name=\"a\"", "form-data", "form-data; name=\"\"", "form-data; name=\"  \"", "form-data; filename=\"a\""})
    void partWithoutFormDataNameHasNoName(String disposition) throws MalformedMultipartException {
        assertThat(parse("Content-Disposition: " + disposition + "\r\n\r\n").name()).isNull();
    }

    @Test
    void emptyBlockHasNothing() throws MalformedMultipartException {
        assertThat(parse("\r\n")).isEqualTo(new PartHeaders(null, null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Content-Disposition: form-data; name=\"a\nb\"\r\n\r\n",
        "Content-Disposition: form-data; name=\"a\rb\"\r\n\r\n",
        "Content-Disposition: form-data; name=\"a\"\nContent-Type: text/plain\r\n\r\n",
        " Content-Disposition: form-data; name=\"a\"\r\n\r\n",
        "Content-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n",
        "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: text/plain\r\ncontent-type: image/png\r\n\r\n",
        "Content-Disposition: form-data; name=\"a\"; NAME=\"b\"\r\n\r\n",
        "Content-Disposition: form-data; name=\"a\"; filename=\"x\"; filename=\"y\"\r\n\r\n",
        "Content-Disposition: form-data; name=\"a; filename=x\r\n\r\n",
        "Content-Disposition: form-data; name=\"a\"; filename=\"ends in backslash\\\"\r\n\r\n",
        "Content-Disposition: form-data; name=\"a\"b; filename=x\r\n\r\n",
        "Content-Disposition: form-data; name=\"a\"\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n",
        "Content-Disposition: form-data; name=\"a\"; filename=\"x\"\r\nContent-Transfer-Encoding: base64\r\n\r\n",
        "Content-Disposition: form-data; name=\"a\"\r\ncontent-transfer-encoding: Quoted-Printable\r\n\r\n",
        "Content-Disposition: form-data; name=\"a\"\r\nContent-Transfer-Encoding: binary\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"})
    void malformedHeadersAreRejected(String block) {
        assertThatThrownBy(() -> parse(block)).isInstanceOf(MalformedMultipartException.class);
    }

    private static PartHeaders parse(String block) throws MalformedMultipartException {
        return PartHeaders.parse(block.getBytes(StandardCharsets.UTF_8));
    }
}
