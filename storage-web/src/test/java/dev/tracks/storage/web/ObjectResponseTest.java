package dev.tracks.storage.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tracks.storage.ByteRange;
import dev.tracks.storage.web.ObjectResponse.Conditions;
import dev.tracks.storage.web.ObjectResponse.ServedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectResponseTest {

    private static final String ETAG = "\"5f0c\"";
    private static final ServedObject OBJECT = new ServedObject(1000, "image/png", "inline", ETAG, 300);

    @Test
    void plainRequestGetsWholeObject() {
        ObjectResponse plan = ObjectResponse.plan(OBJECT, new Conditions(null, null, null));

        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.hasBody()).isTrue();
        assertThat(plan.headers()).containsEntry("Content-Length", "1000");
        assertThat(plan.headers()).containsEntry("Cache-Control", "private, max-age=300");
        assertThat(plan.headers()).containsEntry("X-Content-Type-Options", "nosniff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"5f0c\"", "W/\"5f0c\"", "*", "\"other\", \"5f0c\"", " \"other\" ,W/\"5f0c\" "})
    void matchingIfNoneMatchGetsNotModified(String ifNoneMatch) {
        ObjectResponse plan = ObjectResponse.plan(OBJECT, new Conditions(null, null, ifNoneMatch));

        assertThat(plan.status()).isEqualTo(304);
        assertThat(plan.hasBody()).isFalse();
    }

    @Test
    void otherIfNoneMatchGetsTheObject() {
        ObjectResponse plan = ObjectResponse.plan(OBJECT, new Conditions(null, null, "\"other\""));

        assertThat(plan.status()).isEqualTo(200);
    }

    @Test
    void rangeWithMatchingIfRangeGetsPartialContent() {
        ObjectResponse plan = ObjectResponse.plan(OBJECT, new Conditions("bytes=0-9", ETAG, null));

        assertThat(plan.status()).isEqualTo(206);
        assertThat(plan.range()).isEqualTo(new ByteRange(0, 9));
        assertThat(plan.headers()).containsEntry("Content-Range", "bytes 0-9/1000");
        assertThat(plan.headers()).containsEntry("Content-Length", "10");
    }

    @Test
    void rangeWithStaleIfRangeGetsWholeObject() {
        ObjectResponse plan = ObjectResponse.plan(OBJECT, new Conditions("bytes=0-9", "\"zzz\"", null));

        assertThat(plan.status()).isEqualTo(200);
        assertThat(plan.range()).isNull();
    }

    @Test
    void unsatisfiableRangeGetsStatus416WithoutBody() {
        ObjectResponse plan = ObjectResponse.plan(OBJECT, new Conditions("bytes=5000-", null, null));

        assertThat(plan.status()).isEqualTo(416);
        assertThat(plan.hasBody()).isFalse();
        assertThat(plan.headers()).containsEntry("Content-Range", "bytes */1000");
    }
}
