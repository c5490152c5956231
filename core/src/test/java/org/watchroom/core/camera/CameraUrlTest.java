package org.watchroom.core.camera;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.watchroom.core.redaction.Redaction;

class CameraUrlTest {

    @Test
    void credentialsAreHeldApartAndNeverShown() {
        CameraUrl url = CameraUrl.parse("rtsp://admin:Hunter2%40x@10.0.0.5:554/stream1");
        assertThat(url.kind()).isEqualTo(SourceKind.RTSP);
        assertThat(url.username()).isEqualTo("admin");
        assertThat(url.password()).isEqualTo("Hunter2@x");
        assertThat(url.address()).isEqualTo("rtsp://10.0.0.5:554/stream1");
        assertThat(url.redacted()).isEqualTo("rtsp://admin:***@10.0.0.5:554/stream1");
        assertThat(url.toString()).doesNotContain("Hunter2");
        assertThat(url.withCredentials()).isEqualTo("rtsp://admin:Hunter2%40x@10.0.0.5:554/stream1");
        CameraUrl plus = CameraUrl.parse("rtsp://admin:a+b@10.0.0.5/stream1");
        assertThat(plus.password()).as("a plus in user info is a plus, not a space").isEqualTo("a+b");
        assertThat(plus.withCredentials()).isEqualTo("rtsp://admin:a%2Bb@10.0.0.5/stream1");
    }

    @Test
    void storedCredentialsApplyWhenTheUrlHasNone() {
        CameraUrl url = CameraUrl.parse("rtsps://cam.local/live", "viewer", "pw");
        assertThat(url.withCredentials()).isEqualTo("rtsps://viewer:pw@cam.local/live");
        assertThat(url.redacted()).isEqualTo("rtsps://viewer:***@cam.local/live");
    }

    @Test
    void recognisesEverySourceKind() {
        assertThat(CameraUrl.parse("rtmp://server/app/key").kind()).isEqualTo(SourceKind.RTMP);
        assertThat(CameraUrl.parse("http://cam/mjpeg").kind()).isEqualTo(SourceKind.HTTP);
        assertThat(CameraUrl.parse("https://cam/live.m3u8").kind()).isEqualTo(SourceKind.HTTP);
        assertThat(CameraUrl.parse("/dev/video0").address()).isEqualTo("v4l2:/dev/video0");
        assertThat(CameraUrl.parse("dshow:video=USB Camera").address()).isEqualTo("dshow:video=USB Camera");
        assertThat(CameraUrl.parse("/footage/front door.mp4").address()).isEqualTo("/footage/front door.mp4");
        assertThat(CameraUrl.parse("lavfi:testsrc2").kind()).isEqualTo(SourceKind.LAVFI);
        CameraUrl file = CameraUrl.parse("/footage/lobby.mp4?loop=1");
        assertThat(file.kind()).isEqualTo(SourceKind.FILE);
        assertThat(file.loop()).isTrue();
        assertThat(file.address()).isEqualTo("/footage/lobby.mp4");
        assertThat(file.storedAddress()).isEqualTo("/footage/lobby.mp4?loop=1");
        assertThat(CameraUrl.parse("file:///footage/a.avi").address()).isEqualTo("/footage/a.avi");
    }

    @Test
    void badInputGetsAClearMessageWithoutThePassword() {
        assertThatThrownBy(() -> CameraUrl.parse("  ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> CameraUrl.parse("ftp://host/x")).hasMessageContaining("Unsupported URL scheme 'ftp'");
        assertThatThrownBy(() -> CameraUrl.parse("rtsp:///stream")).hasMessageContaining("no host");
        assertThatThrownBy(() -> CameraUrl.parse("rtsp://u:topsecret@host:99999/x"))
                .hasMessageContaining("port").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> CameraUrl.parse("rtsp://u:topsecret@host/a b"))
                .hasMessageContaining("spaces").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> CameraUrl.parse("rtsp://u:top secret/x@host/a"))
                .as("a network URL is quoted with its whole user info masked")
                .hasMessageContaining("spaces: rtsp://***@host/a").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> CameraUrl.parse("/x.mp4?speed=2")).hasMessageContaining("only loop=1");
        assertThatThrownBy(() -> CameraUrl.parse("lavfi:")).hasMessageContaining("filter graph");
    }

    @Test
    void redactionCoversFreeText() {
        assertThat(Redaction.redact("open rtsp://root:pa55@cam/1 failed; retry http://u:p@h/x"))
                .isEqualTo("open rtsp://root:***@cam/1 failed; retry http://u:***@h/x");
        assertThat(Redaction.redact("error near pa55word", "pa55word")).isEqualTo("error near ***");
    }

    /** Text that looks like a network URL whose {@code ://} went missing: an error, never a file path. */
    @ParameterizedTest
    @ValueSource(strings = {"rtsp:/cam.local/stream1", "rtsp:cam.local", "rtsp:cam.local/stream1", "RTSP:/cam/x",
            "rtsps:/cam/x", "rtsps:cam/x", "http:/cam/mjpeg", "https:cam/live.m3u8", "rtmp:/server/app/key",
            "rtsp:\\\\cam\\x", "rtsp//cam/x", "http//cam/x", "cam.local:554/stream1", "cam.local:554",
            "192.168.1.20:554/stream1", "192.168.1.20:8554", "admin:pw@cam.local", "admin:pw@cam.local/stream1",
            "1admin:pw@cam/x", "rtsp:/admin:hunter2@cam/x", "rtsp:admin:hunter2@cam/x", "clip:1.mp4"})
    void schemeTyposAreErrorsNotFilePaths(String text) {
        assertThatThrownBy(() -> CameraUrl.parse(text)).as(text)
                .isInstanceOf(InvalidCameraUrlException.class)
                .hasMessageContaining("looks like a URL with a mistyped scheme")
                .hasMessageContaining("://")
                .hasMessageNotContaining("hunter2").hasMessageNotContaining("pw@");
    }

    @Test
    void aTypoNamesTheSchemeMeantWhenItIsOneOfOurs() {
        assertThatThrownBy(() -> CameraUrl.parse("rtsps:/cam/x")).hasMessageContaining("write rtsps://");
        assertThatThrownBy(() -> CameraUrl.parse("http:cam/x")).hasMessageContaining("write http://");
        assertThatThrownBy(() -> CameraUrl.parse("cam:554/x")).hasMessageContaining("write rtsp://");
    }

    /** Windows paths are files on every OS: the drive letter is not a scheme. */
    @ParameterizedTest
    @ValueSource(strings = {"C:\\footage\\lobby.mp4", "C:/footage/lobby.mp4", "d:\\x.mkv", "D:relative.mp4",
            "\\\\nas\\share\\cam.mp4"})
    void windowsPathsAreFilesEverywhere(String text) {
        CameraUrl url = CameraUrl.parse(text);
        assertThat(url.kind()).isEqualTo(SourceKind.FILE);
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        assertThat(url.address()).isEqualTo(windows ? Path.of(text).toAbsolutePath().normalize().toString() : text);
        assertThat(CameraUrl.parse(url.storedAddress()).address()).as("reads back the same").isEqualTo(url.address());
        CameraUrl looped = CameraUrl.parse(text + "?loop=1");
        assertThat(looped.loop()).isTrue();
        assertThat(looped.address()).isEqualTo(url.address());
    }

    @Test
    void plainAndRelativePathsStayFiles() {
        assertThat(CameraUrl.parse("footage/12:30.mp4").kind()).isEqualTo(SourceKind.FILE);
        assertThat(CameraUrl.parse("./clip:1.mp4").kind()).isEqualTo(SourceKind.FILE);
        assertThat(CameraUrl.parse("lobby.mp4").address()).isEqualTo(Path.of("lobby.mp4").toAbsolutePath().toString());
        assertThat(CameraUrl.parse("file:/footage/a.avi").address()).isEqualTo(Path.of("/footage/a.avi").toString());
    }

    /** Passwords with the characters that used to end the redaction early, and one longer than its column. */
    static List<String> passwords() {
        return List.of("S3cr Wrd9", "S3cr/Wrd9", "S3cr@Wrd9", "S3cr%Wrd9", "S3cr%zzWrd9", "S3cr:Wrd9", "S3cr#Wrd9",
                "S3cr?Wrd9", "S3cr\\Wrd9", "S3cr Wrd9/x@y%", "S3cr" + "Q".repeat(600) + "Wrd9");
    }

    static Stream<Arguments> passwordsInUrls() {
        List<String> templates = List.of("rtsp://admin:%s@cam.local/stream1", "rtsp://admin:%s@cam.local/a b",
                "rtsp://admin:%s@cam.local:99999/x", "rtsp:/admin:%s@cam.local/x", "rtsp:admin:%s@cam.local/x",
                "admin:%s@cam.local/x", "ftp://admin:%s@cam.local/x", "rtsp://admin:%s@/x", "rtsp://admin:%s@ca^m/x",
                "http://admin:%s@cam.local/mjpeg?x=1", "rtsp://:%s@cam.local/x");
        List<Arguments> all = new ArrayList<>();
        for (String password : passwords()) {
            for (String template : templates) {
                all.add(Arguments.of(template.formatted(password)));
            }
        }
        return all.stream();
    }

    /** Whatever happens to a URL with a password, nothing shown carries the password or a piece of it. */
    @ParameterizedTest
    @MethodSource("passwordsInUrls")
    void noMessageOrShownFormCarriesThePassword(String text) {
        List<String> shown = new ArrayList<>();
        try {
            CameraUrl url = CameraUrl.parse(text);
            shown.add(url.redacted());
            shown.add(url.toString());
            shown.add(url.storedAddress());
        } catch (InvalidCameraUrlException e) {
            shown.add(e.getMessage());
        }
        if (text.matches("[a-z]+:/.*")) { // free text can only be redacted where a scheme says a URL starts
            shown.add(Redaction.redact("cannot open " + text + ": Connection refused"));
            shown.add(Redaction.redact(text));
        }
        for (String s : shown) {
            assertThat(s).as(text).doesNotContain("S3cr").doesNotContain("Wrd9").doesNotContain("QQQQ");
        }
    }

    @Test
    void redactionCoversOddPasswordsAndOneSlashInFreeText() {
        assertThat(Redaction.redact("open rtsp://admin:pa ss/w@rd@cam/1 failed; retry http://u:p@h/x"))
                .isEqualTo("open rtsp://admin:***@cam/1 failed; retry http://u:***@h/x");
        assertThat(Redaction.redact("open rtsp:/admin:pw@cam/1 failed")).isEqualTo("open rtsp:/admin:***@cam/1 failed");
        assertThat(Redaction.redact("rtsp://cam/1 failed\nmail ops:x@example.org"))
                .as("a line ends the search for the user info").isEqualTo("rtsp://cam/1 failed\nmail ops:x@example.org");
        assertThat(Redaction.redact("rtsp://admin@cam/1")).as("a user name alone is not secret").isEqualTo("rtsp://admin@cam/1");
        assertThat(Redaction.redact("rtsp://admin:***@cam/1")).isEqualTo("rtsp://admin:***@cam/1");
    }

    /** Test patterns and harmless transforms, as the demo wall, the tests and installers write them. */
    @ParameterizedTest
    @ValueSource(strings = {"testsrc2", "testsrc2=size=640x360:rate=15", "testsrc=size=32x32:rate=2",
            "smptebars=size=320x240:rate=10", "smptehdbars=s=1280x720", "rgbtestsrc", "yuvtestsrc=size=64x64",
            "pal75bars", "pal100bars=rate=5", "color=c=gray:size=320x240:rate=10",
            "mandelbrot=size=480x270:rate=10:maxiter=256",
            "life=size=480x270:rate=10:mold=10:ratio=0.2:life_color=#30d060:death_color=#802020",
            "cellauto=size=480x270:rate=10:rule=110:random_fill_ratio=0.4", "cellauto=pattern=101101:size=320x1",
            "gradients=size=320x240:c0=red:c1=blue:speed=0.02",
            "testsrc2=size=320x240,scale=w=160:h=120,format=pix_fmts=gray|yuv420p",
            "testsrc2=size=320x240[a];[a]hue=s=0[out0]", "[in]testsrc2@one=size=64x64 , hflip,vflip [out0]",
            "testsrc2=size=320x240,fps=fps=5,drawgrid=w=32:h=32:color=white@0.5,noise=alls=20:allf=t+u,hue=h=t*36",
            "testsrc2=size=4096x4096"})
    void allowedLavfiGraphsParse(String graph) {
        CameraUrl url = CameraUrl.parse("lavfi:" + graph);
        assertThat(url.kind()).isEqualTo(SourceKind.LAVFI);
        assertThat(url.refusal()).isEmpty();
    }

    /**
     * Graphs that reach the host's files (the security probe's own strings first), listen on sockets, or hide a
     * filter from a reading that is not FFmpeg's; the message names what was refused.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "testsrc=size=32x32:rate=2,metadata=mode=print:file=/some/file | filter 'metadata' is not allowed",
            "movie=/etc/passwd | filter 'movie' is not allowed",
            "amovie=/srv/footage/a.wav | filter 'amovie' is not allowed",
            "testsrc2,sendcmd=f=/tmp/cmds | filter 'sendcmd' is not allowed",
            "asendcmd=c=x | filter 'asendcmd' is not allowed",
            "testsrc2,zmq | filter 'zmq' is not allowed",
            "azmq=bind_address=tcp://*:5555 | filter 'azmq' is not allowed",
            "ametadata=mode=print:file=/x | filter 'ametadata' is not allowed",
            "testsrc2,drawtext=textfile=/etc/passwd | filter 'drawtext' is not allowed",
            "testsrc2;movie=/x | filter 'movie' is not allowed",
            "[in]movie=/x[out] | filter 'movie' is not allowed",
            "movie@x=/etc/passwd | filter 'movie' is not allowed",
            "nullsrc | filter 'nullsrc' is not allowed",
            "sws_flags=bicubic;testsrc2 | filter 'sws_flags' is not allowed",
            "life=f=/etc/passwd | option 'f' of filter 'life' is not allowed",
            "life=filename=/etc/passwd | option 'filename' of filter 'life' is not allowed",
            "cellauto=file=/etc/passwd | option 'file' of filter 'cellauto' is not allowed",
            "testsrc2=size=64x64,hue=fontfile=/x | option 'fontfile' of filter 'hue' is not allowed",
            "life=/etc/passwd | as name=value",
            "testsrc2=320x240 | as name=value",
            "testsrc2=size=320x240:file | as name=value",
            "testsrc2=size=32x32\\,movie=/x | no quotes or backslashes",
            "testsrc2=size='32x32' | no quotes or backslashes",
            "testsrc2=rate=5[x]movie=/x | only before or after a filter",
            "testsrc2,,hue=s=0 | empty filter",
            "testsrc2=size=99999x99999 | each at most 4096",
            "testsrc2=s=8192x8192 | each at most 4096",
            "testsrc2=size=hd1080 | WIDTHxHEIGHT",
            "testsrc2,scale=w=100000:h=10 | from -2 to 4096",
            "testsrc2,scale=w=iw*100:h=ih | from -2 to 4096"})
    void refusedLavfiGraphsSayWhatWasRefused(String graph, String expected) {
        assertThatThrownBy(() -> CameraUrl.parse("lavfi:" + graph)).as(graph)
                .isInstanceOf(InvalidCameraUrlException.class).hasMessageContaining(expected)
                .hasMessageNotContaining("/etc/passwd").hasMessageNotContaining("/some/file");
        CameraUrl stored = CameraUrl.stored("lavfi:" + graph, null, null);
        assertThat(stored.refusal()).as("a stored row reads, and says why it must not open").isPresent();
    }

    @Test
    void v4l2TakesVideoDevicesOnly() {
        assertThat(CameraUrl.parse("v4l2:/dev/video0").refusal()).isEmpty();
        assertThat(CameraUrl.parse("/dev/video12").address()).isEqualTo("v4l2:/dev/video12");
        assertThat(CameraUrl.parse("v4l2:/dev/v4l/by-id/usb-Logitech_C920_1234-video-index0").kind())
                .isEqualTo(SourceKind.WEBCAM);
        for (String refused : List.of("v4l2:/etc/passwd", "v4l2:/dev/watchdog", "v4l2:/dev/video0/../sda",
                "/dev/video../../etc/shadow", "v4l2:/dev/v4l/by-id/..", "v4l2:relative")) {
            assertThatThrownBy(() -> CameraUrl.parse(refused)).as(refused)
                    .isInstanceOf(InvalidCameraUrlException.class).hasMessageContaining("must be a video device");
        }
    }

    @Test
    void backoffGrowsWithJitterAndIsCapped() {
        Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), new SplittableRandom(1));
        assertThat(backoff.delay(1).toMillis()).isBetween(400L, 600L);
        assertThat(backoff.delay(2).toMillis()).isBetween(800L, 1200L);
        assertThat(backoff.delay(4).toMillis()).isBetween(3200L, 4800L);
        for (int attempt = 8; attempt < 40; attempt++) {
            assertThat(backoff.delay(attempt).toMillis()).isBetween(24_000L, 30_000L);
        }
    }
}
