package dev.tracks.storage.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracks.storage.ByteRange;
import dev.tracks.storage.web.RangeHeader.Kind;
import dev.tracks.storage.web.RangeHeader.Selection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RangeHeaderTest {

    private static final long SIZE = 1000;

    @Test
    void closedRangeIsPartial() {
        assertThat(RangeHeader.select("bytes=0-99", SIZE)).isEqualTo(partial(0, 99));
        assertThat(RangeHeader.select("bytes=500-500", SIZE)).isEqualTo(partial(500, 500));
    }

    @Test
    void openRangeRunsToTheEnd() {
        assertThat(RangeHeader.select("bytes=100-", SIZE)).isEqualTo(partial(100, 999));
        assertThat(RangeHeader.select("bytes=999-", SIZE)).isEqualTo(partial(999, 999));
    }

    @Test
    void suffixRangeIsTheLastBytes() {
        assertThat(RangeHeader.select("bytes=-500", SIZE)).isEqualTo(partial(500, 999));
        assertThat(RangeHeader.select("bytes=-1", SIZE)).isEqualTo(partial(999, 999));
    }

    @Test
    void longSuffixCoversTheWholeObject() {
        assertThat(RangeHeader.select("bytes=-5000", SIZE)).isEqualTo(partial(0, 999));
    }

    @Test
    void lastOffsetPastTheEndIsCut() {
        assertThat(RangeHeader.select("bytes=900-5000", SIZE)).isEqualTo(partial(900, 999));
        assertThat(RangeHeader.select("bytes=0-1000", SIZE)).isEqualTo(partial(0, 999));
    }

    @Test
    void firstOffsetPastTheEndIsUnsatisfiable() {
        assertThat(RangeHeader.select("bytes=1000-1100", SIZE).kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(RangeHeader.select("bytes=1000-", SIZE).kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(RangeHeader.select("bytes=5000-6000", SIZE).kind()).isEqualTo(Kind.UNSATISFIABLE);
    }

    @Test
    void emptySuffixIsUnsatisfiable() {
        assertThat(RangeHeader.select("bytes=-0", SIZE).kind()).isEqualTo(Kind.UNSATISFIABLE);
    }

    @Test
    void everyRangeOfAnEmptyObjectIsUnsatisfiable() {
        assertThat(RangeHeader.select("bytes=0-0", 0).kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(RangeHeader.select("bytes=0-", 0).kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(RangeHeader.select("bytes=-10", 0).kind()).isEqualTo(Kind.UNSATISFIABLE);
    }

    @Test
    void emptyObjectWithoutRangeIsWhole() {
        assertThat(RangeHeader.select(null, 0).kind()).isEqualTo(Kind.WHOLE);
    }

    @Test
    void unsatisfiableAndWholeCarryNoRange() {
        assertThat(RangeHeader.select("bytes=1000-", SIZE).range()).isNull();
        assertThat(RangeHeader.select(null, SIZE).range()).isNull();
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(RangeHeader.select("  bytes=0-99 ", SIZE)).isEqualTo(partial(0, 99));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=0-1,5-6", "bytes=0-99, 200-299", "bytes=-5,0-1"})
    void multipleRangesAreServedWhole(String header) {
        assertThat(RangeHeader.select(header, SIZE).kind()).isEqualTo(Kind.WHOLE);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "bytes=", "bytes=-", "bytes=abc", "bytes=1-a", "bytes 0-99", "0-99", "bytes=0--1",
        "bytes=500-100", "bytes=+1-2", "bytes=0x10-0x20"})
    void malformedRangeIsServedWhole(String header) {
        assertThat(RangeHeader.select(header, SIZE).kind()).isEqualTo(Kind.WHOLE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"items=0-5", "chars=0-99", "none"})
    void otherUnitIsServedWhole(String header) {
        assertThat(RangeHeader.select(header, SIZE).kind()).isEqualTo(Kind.WHOLE);
    }

    @Test
    void hugeNumberMeansPastTheEnd() {
        String huge = "99999999999999999999";

        assertThat(RangeHeader.select("bytes=0-" + huge, SIZE)).isEqualTo(partial(0, 999));
        assertThat(RangeHeader.select("bytes=-" + huge, SIZE)).isEqualTo(partial(0, 999));
        assertThat(RangeHeader.select("bytes=" + huge + "-", SIZE).kind()).isEqualTo(Kind.UNSATISFIABLE);
        assertThat(RangeHeader.select("bytes=" + huge + "-" + huge, SIZE).kind()).isEqualTo(Kind.UNSATISFIABLE);
    }

    @Test
    void unitIsCaseInsensitive() {
        assertThat(RangeHeader.select("BYTES=0-9", SIZE)).isEqualTo(partial(0, 9));
        assertThat(RangeHeader.select("Bytes=990-", SIZE)).isEqualTo(partial(990, 999));
    }

    @Test
    void largestLongOffsetsAreHandled() {
        long max = Long.MAX_VALUE;

        assertThat(RangeHeader.select("bytes=0-" + max, SIZE)).isEqualTo(partial(0, 999));
        assertThat(RangeHeader.select("bytes=-" + max, SIZE)).isEqualTo(partial(0, 999));
        assertThat(RangeHeader.select("bytes=" + max + "-", SIZE).kind()).isEqualTo(Kind.UNSATISFIABLE);
    }

    private static Selection partial(long first, long last) {
        return new Selection(Kind.PARTIAL, new ByteRange(first, last));
    }
}
