package org.watchroom.core.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Byte ranges, plain-text details, submitted URLs, query strings and the auth slowdown, on their own. */
class ApiPartsTest {

    @Test
    void rangesResolveAgainstTheFileSize() {
        assertThat(ByteRange.parse("bytes=0-99", 1000)).isEqualTo(new ByteRange(0, 99));
        assertThat(ByteRange.parse("bytes=900-", 1000)).isEqualTo(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-100", 1000)).isEqualTo(new ByteRange(900, 999));
        assertThat(ByteRange.parse("bytes=-5000", 1000)).isEqualTo(new ByteRange(0, 999));
        assertThat(ByteRange.parse("bytes=990-5000", 1000)).isEqualTo(new ByteRange(990, 999));
        assertThat(ByteRange.parse("bytes=0-1,5-9", 1000)).isEqualTo(new ByteRange(0, 1));
        assertThat(ByteRange.parse("bytes=,0-1", 1000)).as("empty list elements are allowed").isEqualTo(new ByteRange(0, 1));
        assertThat(ByteRange.parse("Bytes=0-1", 1000)).as("the unit is case-insensitive").isEqualTo(new ByteRange(0, 1));
        assertThat(ByteRange.parse("bytes=0-99999999999999999999", 1000)).as("a huge last byte is the end")
                .isEqualTo(new ByteRange(0, 999));
        assertThat(ByteRange.parse("bytes=-99999999999999999999", 1000)).isEqualTo(new ByteRange(0, 999));
        assertThat(ByteRange.parse(null, 1000)).isNull();
        assertThat(ByteRange.parse("items=0-1", 1000)).as("another unit is ignored").isNull();
        assertThatThrownBy(() -> ByteRange.parse("bytes=1000-", 1000)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("1000 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=", "bytes=,", "bytes=, ,", "bytes=-", "bytes=a-b", "bytes=5-2", "bytes=--5",
            "bytes=+1-2", "bytes=1-+2", "bytes=-0", "bytes=0x10-", "bytes=1 2-3", "bytes=1000-",
            "bytes=99999999999999999999-", "bytes=\u0661-2"})
    void malformedAndUnsatisfiableRangesAre416NeverAnErrorOrTheWholeFile(String header) {
        assertThatThrownBy(() -> ByteRange.parse(header, 1000)).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.status()).isEqualTo(416));
    }

    @Test
    void anEmptyFileHasNoSuffix() {
        assertThatThrownBy(() -> ByteRange.parse("bytes=-5", 0)).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> ByteRange.parse("bytes=0-", 0)).isInstanceOf(ApiProblem.class);
    }

    @Test
    void jacksonMessagesAreToldWithoutJavaTypes() {
        assertThat(PlainText.fromJackson("Cannot deserialize value of type `double` from String \"x\": not a valid "
                + "`double` value")).isEqualTo("Cannot deserialize value of type number from String \"x\": not a valid number value");
        assertThat(PlainText.fromJackson("Unrecognized field \"colour\" (class org.watchroom.core.detect.DetectConfig$Builder), "
                + "not marked as ignorable (2 known properties: \"fps\", \"faces\"])"))
                .isEqualTo("Unrecognized field \"colour\", not marked as ignorable (2 known properties: \"fps\", \"faces\"])");
        assertThat(PlainText.fromJackson("Cannot deserialize value of type `java.util.ArrayList<java.lang.String>` from "
                + "Object value\n at [Source: REDACTED; line: 1, column: 11] (through reference chain: X[\"labels\"])"))
                .isEqualTo("Cannot deserialize value of type array from Object value");
    }

    @Test
    void detailsThatShowInternalsAreRecognised() {
        assertThat(PlainText.showsInternals("Cannot save camera 'x': org.h2.jdbc.JdbcSQLDataException: Value too long"))
                .isTrue();
        assertThat(PlainText.showsInternals("Value too long for column \"URL CHARACTER VARYING(2000)\"")).isTrue();
        assertThat(PlainText.showsInternals("type `java.lang.Boolean`")).isTrue();
        assertThat(PlainText.showsInternals("at org.watchroom.core.api.ApiServer.start(ApiServer.java:80)")).isTrue();
        assertThat(PlainText.showsInternals("A camera named 'Gate' already exists.")).isFalse();
        assertThat(PlainText.showsInternals("The camera URL has no host name: rtsp://admin:***@cam.example.com.au/x")).isFalse();
        assertThat(PlainText.showsInternals("There is no such endpoint; see /api/v1/openapi.json.")).isFalse();
    }

    @Test
    void aRefusedUrlIsQuotedWithItsUserInfoMaskedWhateverThePasswordHolds() {
        assertThat(SubmittedUrl.withoutUrl("The camera URL contains spaces: rtsp://admin:pa ss@h/x",
                " rtsp://admin:pa ss@h/x ")).isEqualTo("The camera URL contains spaces: rtsp://***@h/x");
        assertThat(SubmittedUrl.withoutUrl("The camera URL has no host name: rtsp://admin:***@h/x",
                "rtsp://admin:pw@h/x")).isEqualTo("The camera URL has no host name: rtsp://***@h/x");
        assertThat(SubmittedUrl.withoutUrl("Bad: rtsp://admin:p/w@h/x and p/w again", "rtsp://admin:p/w@h/x"))
                .isEqualTo("Bad: rtsp://***@h/x and p/w again").doesNotContain("admin:p/w");
        assertThat(SubmittedUrl.masked("rtsp://u:p@h/" + "x".repeat(300))).hasSize(121).startsWith("rtsp://***@h/");
        assertThat(SubmittedUrl.masked("rtsp://h/x")).isEqualTo("rtsp://h/x");
    }

    @Test
    void queryStringsMustHaveWholeEscapesOfUtf8() {
        assertThat(QueryText.wellFormed("label=person&limit=5")).isTrue();
        assertThat(QueryText.wellFormed("label=caf%C3%A9&x=a+b&y=%25")).isTrue();
        assertThat(QueryText.wellFormed("label=caf\u00e9")).as("a raw non-ASCII letter is UTF-8 on the wire").isTrue();
        assertThat(QueryText.wellFormed("label=%zz")).isFalse();
        assertThat(QueryText.wellFormed("label=%")).isFalse();
        assertThat(QueryText.wellFormed("label=%4")).isFalse();
        assertThat(QueryText.wellFormed("label=%C3%28")).as("not UTF-8").isFalse();
        assertThat(QueryText.wellFormed("label=%FF")).isFalse();
    }

    @Test
    void failuresAreFreeAtFirstThenDoubleUpToACap() {
        AuthFailures failures = new AuthFailures(new AtomicLong()::get);
        for (int i = 1; i <= AuthFailures.FREE_FAILURES; i++) {
            assertThat(failures.failed("10.0.0.1")).isZero();
        }
        assertThat(failures.failed("10.0.0.1")).isEqualTo(100);
        assertThat(failures.failed("10.0.0.1")).isEqualTo(200);
        assertThat(failures.failed("10.0.0.2")).as("per address").isZero();
        for (int i = 0; i < 50; i++) {
            failures.failed("10.0.0.1");
        }
        assertThat(failures.failed("10.0.0.1")).isEqualTo(AuthFailures.MAX_DELAY_MS);
        for (int i = 0; i < AuthFailures.MAX_ADDRESSES + 100; i++) {
            failures.failed("192.168." + (i / 256) + "." + (i % 256));
        }
        assertThat(failures.tracked()).isEqualTo(AuthFailures.MAX_ADDRESSES);
    }

    @Test
    void aSuccessClearsOnlyItsOwnAddressAndOnlyAfterAQuietMinute() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        AuthFailures failures = new AuthFailures(now::get);
        for (int i = 0; i < 7; i++) {
            failures.failed("10.0.0.1");
            failures.failed("10.0.0.2");
        }
        failures.succeeded("10.0.0.1");
        assertThat(failures.failed("10.0.0.1")).as("right after a failure a success clears nothing").isEqualTo(400);
        now.addAndGet(Duration.ofSeconds(AuthFailures.QUIET_SECONDS - 1).toNanos());
        failures.succeeded("10.0.0.1");
        assertThat(failures.failed("10.0.0.1")).as("59 s is not quiet enough").isEqualTo(800);
        now.addAndGet(Duration.ofSeconds(AuthFailures.QUIET_SECONDS).toNanos());
        failures.succeeded("10.0.0.1");
        assertThat(failures.failed("10.0.0.1")).as("a quiet minute, then a success: cleared").isZero();
        assertThat(failures.failed("10.0.0.2")).as("another address keeps its count").isEqualTo(400);
        now.addAndGet(Duration.ofMinutes(16).toNanos());
        assertThat(failures.failed("10.0.0.2")).as("a quiet quarter of an hour forgets").isZero();
    }

    @Test
    void checksFromOneAddressTakeTurnsSoParallelGuessesWaitOneAfterAnother() throws Exception {
        AuthFailures failures = new AuthFailures(System::nanoTime);
        for (int i = 0; i < AuthFailures.FREE_FAILURES; i++) {
            failures.failed("10.0.0.9");
        }
        long started = System.nanoTime();
        List<Future<Long>> guesses = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 3; i++) {
                guesses.add(pool.submit(() -> {
                    assertThat(failures.check("10.0.0.9", Optional::empty)).isEmpty();
                    return (System.nanoTime() - started) / 1_000_000;
                }));
            }
            long lastAnswer = 0;
            for (Future<Long> g : guesses) {
                lastAnswer = Math.max(lastAnswer, g.get(10, TimeUnit.SECONDS));
            }
            assertThat(lastAnswer).as("100 + 200 + 400 ms, one after another").isGreaterThanOrEqualTo(690);
        }
        assertThat(failures.failed("10.0.0.9")).as("one count: the next is the 9th").isEqualTo(800);
    }

    @Test
    void aRightTokenWaitsOnlyForTheTurnBeforeItAndOtherAddressesNotAtAll() throws Exception {
        AuthFailures failures = new AuthFailures(System::nanoTime);
        for (int i = 0; i < AuthFailures.FREE_FAILURES + 2; i++) {
            failures.failed("10.0.0.7");
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> guess = pool.submit(() -> failures.check("10.0.0.7", Optional::empty)); // the 8th: 400 ms
            Thread.sleep(100);
            long started = System.nanoTime();
            assertThat(failures.check("10.0.0.8", () -> Optional.of("other"))).hasValue("other");
            assertThat((System.nanoTime() - started) / 1_000_000).as("another address goes at once").isLessThan(200);
            assertThat(failures.check("10.0.0.7", () -> Optional.of("right"))).hasValue("right");
            assertThat((System.nanoTime() - started) / 1_000_000).as("waits for the guess before it").isGreaterThanOrEqualTo(200);
            guess.get(10, TimeUnit.SECONDS);
        }
        assertThat(failures.failed("10.0.0.7")).as("the success did not clear the count").isEqualTo(800);
    }
}
