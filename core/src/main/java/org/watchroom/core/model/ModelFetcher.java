package org.watchroom.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.watchroom.core.config.Version;
import org.watchroom.core.digest.Sha256;

/**
 * Puts model files into the {@link ModelStore}: copied from a mirror folder when one is given (offline
 * installs, tests, CI), otherwise downloaded from the manifest's pinned upstream address. Every file is
 * written to a temporary name in the store folder, hashed while it is written, and moved to its final name
 * only when the SHA-256 (and size) match; on any failure the temporary file is deleted, so the store never
 * holds half a file or a wrong one under a model's name.
 *
 * <p>Thread-safety: thread-safe; concurrent fetches of the same model each write their own temporary file and
 * the last atomic move wins with identical bytes.
 */
public final class ModelFetcher {
    /** Environment variable naming a default mirror folder for {@code watchroom models fetch}. */
    public static final String MIRROR_ENV = "WATCHROOM_MODELS_MIRROR";

    // A model without a size in its manifest entry may still not fill the disk.
    private static final long MAX_UNSIZED_BYTES = 2L << 30;
    // Temporary files older than this were left by a killed process; younger ones may be another fetch's.
    private static final Duration STALE_PART = Duration.ofHours(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

    /** How a model got into the store. */
    public enum Outcome {
        /** A verified file was already there; nothing was written. */
        ALREADY_PRESENT,
        /** Copied from the mirror folder and verified. */
        COPIED,
        /** Downloaded from the upstream address and verified. */
        DOWNLOADED
    }

    /**
     * One fetched model.
     *
     * @param path   the verified file in the store
     * @param bytes  its size
     * @param source the mirror file or URL it came from, or the store path when it was already present
     */
    public record Result(ModelSpec spec, Outcome outcome, Path path, long bytes, String source) {
    }

    private final ModelStore store;
    private final Path mirror;

    /**
     * @param mirror a folder holding model files under their manifest file names, or {@code null} to download
     * @throws ModelException when the mirror is given but is not a folder
     */
    public ModelFetcher(ModelStore store, Path mirror) {
        this.store = store;
        this.mirror = mirror == null ? null : mirror.toAbsolutePath().normalize();
        if (this.mirror != null && !Files.isDirectory(this.mirror)) {
            throw new ModelException("Model mirror " + this.mirror + " is not a folder.");
        }
    }

    /** The mirror to use: {@code explicit} (e.g. {@code --mirror}) if given, else {@value #MIRROR_ENV}. */
    public static Optional<Path> mirrorFrom(Path explicit, Map<String, String> env) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        String fromEnv = env.get(MIRROR_ENV);
        return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv));
    }

    public Optional<Path> mirror() {
        return Optional.ofNullable(mirror);
    }

    public ModelStore store() {
        return store;
    }

    /** Where {@link #fetch} would take the model from (a mirror file or the upstream URL), for progress lines. */
    public String sourceOf(ModelSpec spec) {
        if (mirror != null) {
            return mirror.resolve(spec.file()).toString();
        }
        return spec.url() == null ? "(no download address)" : spec.url().toString();
    }

    /**
     * Makes sure the store holds the verified file of one model.
     *
     * @throws ModelException naming the model: not in the mirror, download failed, checksum or size mismatch
     */
    public Result fetch(ModelSpec spec) {
        Path target = store.path(spec);
        if (store.isPresent(spec)) {
            return new Result(spec, Outcome.ALREADY_PRESENT, target, store.sizeOnDisk(spec), target.toString());
        }
        Path source = null;
        if (mirror != null) {
            source = mirror.resolve(spec.file());
            if (!Files.isRegularFile(source)) {
                throw new ModelException("Model '" + spec.id() + "': " + spec.file() + " not found in mirror " + mirror
                        + " (expected sha256 " + spec.sha256() + ")");
            }
        } else if (spec.url() == null) {
            throw new ModelException("Model '" + spec.id() + "' has no download address: put " + spec.file()
                    + " (sha256 " + spec.sha256() + ") into " + store.dir() + " or give a mirror folder");
        }
        Path temp = null;
        boolean moved = false;
        try {
            Files.createDirectories(store.dir());
            removeStaleParts(spec);
            temp = Files.createTempFile(store.dir(), "." + spec.file() + ".", ".part");
            Sha256.Copied copied = source != null ? copyFromMirror(source, temp, spec) : download(spec, temp);
            String from = source != null ? source.toString() : spec.url().toString();
            verify(spec, copied, from);
            move(temp, target);
            moved = true;
            store.remember(target, copied.sha256());
            return new Result(spec, source != null ? Outcome.COPIED : Outcome.DOWNLOADED, target, copied.bytes(), from);
        } catch (IOException e) {
            throw new ModelException("Model '" + spec.id() + "': cannot store " + target + " from " + sourceOf(spec)
                    + ": " + describe(e), e);
        } finally {
            if (!moved && temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    /**
     * Fetches every model, carrying on past failures so one bad entry does not block the others.
     *
     * @throws ModelException after trying all, with every failure's message (the others as suppressed)
     */
    public List<Result> fetchAll(List<ModelSpec> specs) {
        List<Result> results = new ArrayList<>();
        List<ModelException> failures = new ArrayList<>();
        for (ModelSpec spec : specs) {
            try {
                results.add(fetch(spec));
            } catch (ModelException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            ModelException first = new ModelException(String.join("; ",
                    failures.stream().map(Throwable::getMessage).toList()), failures.getFirst());
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
        return results;
    }

    private static long limit(ModelSpec spec) {
        return spec.size() != null ? spec.size() : MAX_UNSIZED_BYTES;
    }

    private static Sha256.Copied copyFromMirror(Path source, Path temp, ModelSpec spec) throws IOException {
        try (InputStream in = Files.newInputStream(source)) {
            return write(in, temp, spec);
        }
    }

    private static Sha256.Copied download(ModelSpec spec, Path temp) throws IOException {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(CONNECT_TIMEOUT);
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies != null) {
            builder.proxy(proxies);
        }
        HttpRequest request = HttpRequest.newBuilder(spec.url())
                .timeout(RESPONSE_TIMEOUT)
                .header("User-Agent", "Watchroom/" + Version.current())
                .GET()
                .build();
        try (HttpClient client = builder.build()) {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new ModelException("Model '" + spec.id() + "': download from " + spec.url()
                            + " failed: HTTP " + response.statusCode());
                }
                return write(body, temp, spec);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("Model '" + spec.id() + "': download from " + spec.url() + " was interrupted", e);
        }
    }

    // Forced to disk before the rename, so a power cut cannot leave a verified name over unwritten blocks.
    private static Sha256.Copied write(InputStream in, Path temp, ModelSpec spec) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(channel);
            Sha256.Copied copied = Sha256.copy(in, out, limit(spec));
            channel.force(true);
            return copied;
        }
    }

    private static void verify(ModelSpec spec, Sha256.Copied copied, String from) {
        if (spec.size() != null && copied.bytes() > spec.size()) {
            throw new ModelException("Model '" + spec.id() + "': checksum mismatch: expected " + spec.sha256()
                    + ", got a file larger than the expected " + spec.size() + " bytes (file " + from + ")");
        }
        if (!copied.sha256().equals(spec.sha256())) {
            String sizeNote = spec.size() != null && copied.bytes() != spec.size()
                    ? ", " + copied.bytes() + " bytes instead of " + spec.size() : "";
            throw new ModelException("Model '" + spec.id() + "': checksum mismatch: expected " + spec.sha256()
                    + ", got " + copied.sha256() + " (file " + from + sizeNote + ")");
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // same folder, so this only happens on odd file systems; still never a partial file at the target
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void removeStaleParts(ModelSpec spec) throws IOException {
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE_PART));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(store.dir(), "." + spec.file() + ".*.part")) {
            for (Path part : parts) {
                if (Files.getLastModifiedTime(part).compareTo(cutoff) < 0) {
                    deleteQuietly(part);
                }
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nothing better to do; the name ends in .part and the next fetch removes it once it is stale
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }
}
