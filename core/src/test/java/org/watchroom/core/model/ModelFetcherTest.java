package org.watchroom.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchroom.core.testing.TestModels;

class ModelFetcherTest {
    @TempDir
    Path dataDir;
    @TempDir
    Path otherMirror;

    private final ModelManifest manifest = ModelManifest.load();

    @Test
    void fetchFromTheMirrorStoresVerifiedFilesAndASecondFetchIsANoOp() throws Exception {
        ModelStore store = ModelStore.in(dataDir);
        ModelFetcher fetcher = new ModelFetcher(store, TestModels.dir());
        assertThat(store.isPresent(manifest.get("yolox-nano"))).isFalse();

        List<ModelFetcher.Result> first = fetcher.fetchAll(manifest.defaults());
        assertThat(first).extracting(ModelFetcher.Result::outcome)
                .containsOnly(ModelFetcher.Outcome.COPIED);
        for (ModelSpec spec : manifest.defaults()) {
            Path stored = dataDir.resolve("models").resolve(spec.file());
            assertThat(store.path(spec)).isEqualTo(stored);
            assertThat(stored).hasSameBinaryContentAs(TestModels.file(spec.file()));
            assertThat(store.isPresent(spec)).isTrue();
            assertThat(store.require(spec)).isEqualTo(stored);
        }
        assertThat(store.isPresent(manifest.get("fastestdet"))).isFalse();

        Path yolox = store.path(manifest.get("yolox-nano"));
        FileTime before = Files.getLastModifiedTime(yolox);
        List<ModelFetcher.Result> second = fetcher.fetchAll(manifest.defaults());
        assertThat(second).extracting(ModelFetcher.Result::outcome)
                .containsOnly(ModelFetcher.Outcome.ALREADY_PRESENT);
        assertThat(Files.getLastModifiedTime(yolox)).isEqualTo(before);
        assertThat(filesIn(store.dir())).containsExactlyInAnyOrder("yolox_nano.onnx", "yunet_n_640_640.onnx");

        // a fresh store object (another process) verifies by hashing, with the same answer
        assertThat(ModelStore.in(dataDir).isPresent(manifest.get("yunet"))).isTrue();
        assertThat(fetcher.fetchAll(manifest.models())).hasSize(5);
        assertThat(filesIn(store.dir())).hasSize(5);
    }

    @Test
    void aCorruptedMirrorCopyIsAClearChecksumErrorAndLeavesNothingInTheStore() throws Exception {
        ModelSpec yolox = manifest.get("yolox-nano");
        Path copy = otherMirror.resolve(yolox.file());
        byte[] bytes = Files.readAllBytes(TestModels.file(yolox.file()));
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(copy, bytes);
        ModelStore store = ModelStore.in(dataDir);

        assertThatThrownBy(() -> new ModelFetcher(store, otherMirror).fetch(yolox))
                .isInstanceOf(ModelException.class)
                .hasMessageStartingWith("Model 'yolox-nano': checksum mismatch: expected "
                        + "695e750a5d5754bb5a8d5325643b59282191a7e7a564e435a415fd3c578eab14, got ")
                .hasMessageContaining("(file " + copy + ")");
        assertThat(store.isPresent(yolox)).isFalse();
        assertThat(filesIn(store.dir())).isEmpty();
    }

    @Test
    void aTruncatedOrOversizedCopyIsRejectedToo() throws Exception {
        ModelSpec yunet = manifest.get("yunet");
        byte[] bytes = Files.readAllBytes(TestModels.file(yunet.file()));
        Files.write(otherMirror.resolve(yunet.file()), Arrays.copyOf(bytes, 1000));
        ModelFetcher fetcher = new ModelFetcher(ModelStore.in(dataDir), otherMirror);
        assertThatThrownBy(() -> fetcher.fetch(yunet))
                .hasMessageContaining("Model 'yunet': checksum mismatch: expected " + yunet.sha256())
                .hasMessageContaining("1000 bytes instead of 317466");

        Files.write(otherMirror.resolve(yunet.file()), Arrays.copyOf(bytes, bytes.length + 10));
        assertThatThrownBy(() -> fetcher.fetch(yunet))
                .hasMessageContaining("Model 'yunet': checksum mismatch: expected " + yunet.sha256()
                        + ", got a file larger than the expected 317466 bytes");
        assertThat(filesIn(dataDir.resolve("models"))).isEmpty();
    }

    @Test
    void aFileMissingFromTheMirrorIsAClearError() {
        ModelSpec yunet = manifest.get("yunet");
        assertThatThrownBy(() -> new ModelFetcher(ModelStore.in(dataDir), otherMirror).fetch(yunet))
                .isInstanceOf(ModelException.class)
                .hasMessage("Model 'yunet': yunet_n_640_640.onnx not found in mirror " + otherMirror
                        + " (expected sha256 " + yunet.sha256() + ")");
        assertThatThrownBy(() -> new ModelFetcher(ModelStore.in(dataDir), otherMirror.resolve("nope")))
                .hasMessageContaining("Model mirror " + otherMirror.resolve("nope") + " is not a folder");
    }

    @Test
    void aDamagedStoredFileIsReportedAndReplaced() throws Exception {
        ModelSpec yunet = manifest.get("yunet");
        ModelStore store = ModelStore.in(dataDir);
        assertThat(store.status(yunet)).isEqualTo(ModelStore.Status.MISSING);
        assertThatThrownBy(() -> store.require(yunet))
                .hasMessageContaining("Model 'yunet' is not in the model store")
                .hasMessageContaining("watchroom models fetch yunet");

        Files.createDirectories(store.dir());
        byte[] bytes = Files.readAllBytes(TestModels.file(yunet.file()));
        bytes[0] ^= 0x7f;
        Files.write(store.path(yunet), bytes);
        assertThat(store.status(yunet)).isEqualTo(ModelStore.Status.DAMAGED);
        assertThatThrownBy(() -> store.require(yunet))
                .hasMessageContaining("is damaged: expected sha256 " + yunet.sha256() + ", got ");

        ModelFetcher.Result result = new ModelFetcher(store, TestModels.dir()).fetch(yunet);
        assertThat(result.outcome()).isEqualTo(ModelFetcher.Outcome.COPIED);
        assertThat(store.status(yunet)).isEqualTo(ModelStore.Status.VERIFIED);
    }

    @Test
    void downloadsOverHttpAreVerifiedTheSameWay() throws Exception {
        ModelSpec yunet = manifest.get("yunet");
        byte[] good = Files.readAllBytes(TestModels.file(yunet.file()));
        byte[] bad = good.clone();
        bad[100] ^= 0x10;
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/good", exchange -> send(exchange, 200, good));
        server.createContext("/bad", exchange -> send(exchange, 200, bad));
        server.createContext("/gone", exchange -> send(exchange, 404, "not here".getBytes(StandardCharsets.UTF_8)));
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            ModelStore store = ModelStore.in(dataDir);
            ModelFetcher fetcher = new ModelFetcher(store, null);

            assertThatThrownBy(() -> fetcher.fetch(yunet.withUrl(URI.create(base + "/gone"))))
                    .hasMessage("Model 'yunet': download from " + base + "/gone failed: HTTP 404");
            assertThatThrownBy(() -> fetcher.fetch(yunet.withUrl(URI.create(base + "/bad"))))
                    .hasMessageContaining("Model 'yunet': checksum mismatch: expected " + yunet.sha256())
                    .hasMessageContaining("(file " + base + "/bad)");
            assertThat(filesIn(store.dir())).isEmpty();

            ModelFetcher.Result result = fetcher.fetch(yunet.withUrl(URI.create(base + "/good")));
            assertThat(result.outcome()).isEqualTo(ModelFetcher.Outcome.DOWNLOADED);
            assertThat(result.bytes()).isEqualTo(good.length);
            assertThat(store.path(yunet)).hasBinaryContent(good);
            assertThat(filesIn(store.dir())).containsExactly(yunet.file());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theMirrorComesFromTheOptionElseTheEnvironment() {
        Path explicit = Path.of("/a");
        Map<String, String> env = Map.of(ModelFetcher.MIRROR_ENV, "/b");
        assertThat(ModelFetcher.mirrorFrom(explicit, env)).contains(explicit);
        assertThat(ModelFetcher.mirrorFrom(null, env)).contains(Path.of("/b"));
        assertThat(ModelFetcher.mirrorFrom(null, Map.of(ModelFetcher.MIRROR_ENV, " "))).isEmpty();
        assertThat(ModelFetcher.mirrorFrom(null, Map.of())).isEmpty();
    }

    private static void send(HttpExchange exchange, int status, byte[] body)
            throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    // every name, hidden .part files included
    private static List<String> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
