package dev.tracks.storage.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DelimiterSearchTest {

    @Test
    void findsWhatANaiveSearchFinds() {
        Random random = new Random(7);
        for (int round = 0; round < 20_000; round++) {
            byte[] delimiter = ("\r\n--" + "ab-".repeat(1 + random.nextInt(3)).substring(random.nextInt(2)))
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] data = new byte[random.nextInt(200)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) "\r\n-ab".charAt(random.nextInt(5));
            }
            int from = random.nextInt(data.length + 1);
            int to = from + random.nextInt(data.length - from + 1);

            assertThat(new DelimiterSearch(delimiter).find(data, from, to)).as("round %d", round)
                    .isEqualTo(naiveFind(delimiter, data, from, to));
        }
    }

    @Test
    void delimiterAtRangeEdgesIsFound() {
        DelimiterSearch search = new DelimiterSearch("\r\n--xyz".getBytes(StandardCharsets.US_ASCII));
        byte[] data = "\r\n--xyz...\r\n--xyz".getBytes(StandardCharsets.US_ASCII);

        assertThat(search.find(data, 0, data.length)).isZero();
        assertThat(search.find(data, 1, data.length)).isEqualTo(10);
        assertThat(search.find(data, 1, data.length - 1)).isEqualTo(-1);
    }

    private static int naiveFind(byte[] delimiter, byte[] data, int from, int to) {
        for (int at = from; at + delimiter.length <= to; at++) {
            if (Arrays.equals(data, at, at + delimiter.length, delimiter, 0, delimiter.length)) {
                return at;
            }
        }
        return -1;
    }
}
