package dev.tracks.storage.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestBodyTest {

    @Test
    void successfulReadsLeaveNoFailure() throws IOException {
        RequestBody body = new RequestBody(new ByteArrayInputStream(new byte[] {1, 2, 3}));

        assertThat(body.readAllBytes()).containsExactly(1, 2, 3);
        assertThat(body.failure()).isNull();
    }

    @Test
    void failedReadIsRememberedAndRethrown() throws IOException {
        IOException brokenOff = new IOException("Client closed the connection");
        RequestBody body = new RequestBody(new SequenceInputStream(new ByteArrayInputStream(new byte[] {1, 2}),
                new FailingInputStream(brokenOff)));

        assertThat(body.read()).isEqualTo(1);
        assertThat(body.read()).isEqualTo(2);
        assertThatThrownBy(body::read).isSameAs(brokenOff);
        assertThat(body.failure()).isSameAs(brokenOff);
    }

    @Test
    void failedBulkReadIsRemembered() {
        IOException brokenOff = new IOException("Client closed the connection");
        RequestBody body = new RequestBody(new FailingInputStream(brokenOff));

        assertThatThrownBy(() -> body.read(new byte[16], 0, 16)).isSameAs(brokenOff);
        assertThat(body.failure()).isSameAs(brokenOff);
    }

    @Test
    void firstFailureIsKept() {
        IOException first = new IOException("Read timed out");
        IOException second = new IOException("Stream closed");
        RequestBody body = new RequestBody(new FailingInputStream(first, second));

        assertThatThrownBy(() -> body.read(new byte[16], 0, 16)).isSameAs(first);
        assertThatThrownBy(body::read).isSameAs(second);
        assertThat(body.failure()).isSameAs(first);
    }

    @Test
    void failureWhileCopyingIsRemembered() {
        IOException brokenOff = new IOException("Client closed the connection");
        RequestBody body = new RequestBody(new SequenceInputStream(new ByteArrayInputStream(new byte[20_000]),
                new FailingInputStream(brokenOff)));

        assertThatThrownBy(() -> body.transferTo(OutputStream.nullOutputStream())).isSameAs(brokenOff);
        assertThat(body.failure()).isSameAs(brokenOff);
    }

    @Test
    void closeLeavesTheRequestStreamOpen() throws IOException {
        boolean[] closed = {false};
        InputStream request = new ByteArrayInputStream(new byte[] {7}) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        new RequestBody(request).close();

        assertThat(closed[0]).isFalse();
        assertThat(request.read()).isEqualTo(7);
    }

    /** Throws the given exceptions, one per read, then the last one forever. */
    private static final class FailingInputStream extends InputStream {

        private final Deque<IOException> failures;

        FailingInputStream(IOException... failures) {
            this.failures = new ArrayDeque<>(List.of(failures));
        }

        @Override
        public int read() throws IOException {
            throw next();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            throw next();
        }

        private IOException next() {
            return failures.size() > 1 ? failures.pop() : failures.peek();
        }
    }
}
