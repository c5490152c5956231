package org.watchroom.core.evidence;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.evidence.internal.RecordingDocument;
import org.watchroom.core.fs.Folders;

/**
 * Checks an evidence package against its manifest: recomputes the SHA-256 of every listed file and looks for
 * files the manifest does not list; for recordings in the package, also that their segments form one hash chain. This proves the files are the ones the manifest was written for (integrity);
 * that the manifest itself is the one Watchroom wrote is shown by its hash in the audit log, not here.
 * Reads a folder, or a {@code .zip} of one.
 *
 * <p>Thread-safety: stateless.
 */
public final class EvidenceVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private EvidenceVerifier() {
    }

    /** Verifies {@code location} (a package folder or its zip); throws {@link EvidenceException} when it is no package. */
    public static Verification verify(Path location) {
        if (Files.isRegularFile(location)
                && location.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) {
            // unpacked with the same reader offline review uses, so that what is verified is what is shown
            Path scratch = null;
            try {
                scratch = Files.createTempDirectory("watchroom-verify-");
                return verify(PackageZip.unpack(location, scratch), location);
            } catch (IOException e) {
                throw new EvidenceException("Cannot unpack " + location + ": " + e.getMessage(), e);
            } finally {
                Folders.deleteQuietly(scratch);
            }
        }
        if (!Files.isDirectory(location)) {
            throw new EvidenceException(location + " is not a folder (nor a .zip of an evidence package).");
        }
        return verifyFolder(location, location, Sha256::of);
    }

    /** Verifies an unpacked zip: nothing may lie beside the package folder, and the folder must match its manifest. */
    public static Verification verify(PackageZip.Unpacked unpacked, Path shown) {
        if (unpacked.stray().isPresent()) {
            return new Verification.Failed(Verification.Problem.UNEXPECTED, unpacked.stray().get(),
                    "beside the package folder in the zip");
        }
        return verifyFolder(unpacked.root(), shown, file -> {
            String known = unpacked.sha256().get(file.toAbsolutePath().normalize());
            return known != null ? known : Sha256.of(file);
        });
    }

    /** The SHA-256 of a file of the package (read from disk, or known from unpacking it). */
    @FunctionalInterface
    private interface Hasher {
        String of(Path file) throws IOException;
    }

    private static Verification verifyFolder(Path folder, Path shown, Hasher hasher) {
        Path manifestFile = folder.resolve(Manifest.FILE_NAME);
        Manifest manifest;
        try {
            manifest = ManifestIo.read(Files.readAllBytes(manifestFile));
        } catch (NoSuchFileException e) {
            throw new EvidenceException(shown + " has no " + Manifest.FILE_NAME + "; is it a Watchroom evidence package?");
        } catch (IOException e) {
            throw new EvidenceException("Cannot read " + manifestFile + ": " + e.getMessage(), e);
        }
        try {
            Set<String> present = present(folder);
            for (ManifestFile f : manifest.files()) {
                Path file = PackagePaths.resolve(folder, f.path());
                if (!present.remove(f.path())) {
                    return new Verification.Failed(Verification.Problem.MISSING, f.path(), "listed in the manifest, not in the package");
                }
                long size = Files.size(file);
                if (size != f.bytes()) {
                    return new Verification.Failed(Verification.Problem.MISMATCH, f.path(),
                            "size differs: " + size + " bytes, manifest says " + f.bytes());
                }
                if (!hasher.of(file).equals(f.sha256())) {
                    return new Verification.Failed(Verification.Problem.MISMATCH, f.path(), "sha256 differs");
                }
            }
            if (!present.isEmpty()) {
                return new Verification.Failed(Verification.Problem.UNEXPECTED, present.iterator().next(),
                        "not listed in the manifest");
            }
            Verification.Failed chain = chains(folder, manifest);
            if (chain != null) {
                return chain;
            }
        } catch (IOException e) {
            throw new EvidenceException("Cannot read " + shown + ": " + e.getMessage(), e);
        }
        return new Verification.Ok(manifest.files().size(), manifest.totalBytes(), manifest);
    }

    /**
     * Recordings in the package (a range's {@code recordings/camera-<id>.json}, an event's clip of its recording):
     * their segments must form one hash chain, a copied segment must be the one the chain names, and the cut must be
     * the file the document names. Run after every file matched the manifest, so the documents read are the listed ones.
     */
    private static Verification.Failed chains(Path folder, Manifest manifest) throws IOException {
        Map<String, String> sha = new HashMap<>();
        manifest.files().forEach(f -> sha.put(f.path(), f.sha256()));
        for (ManifestFile f : manifest.files()) {
            boolean range = f.path().matches("recordings/camera-[0-9]+\\.json");
            boolean event = f.path().matches("events/[0-9]+\\.json");
            if (!range && !event) {
                continue;
            }
            JsonNode doc;
            try {
                doc = JSON.readTree(Files.readAllBytes(PackagePaths.resolve(folder, f.path())));
            } catch (JacksonException e) {
                if (range) {
                    return new Verification.Failed(Verification.Problem.CHAIN_BROKEN, f.path(), "not readable JSON");
                }
                continue; // an event file's own content is not checked here
            }
            List<JsonNode> recordings = new ArrayList<>();
            if (range) {
                recordings.add(doc);
            } else {
                doc.path("clips").forEach(c -> {
                    if ("recording".equals(c.path("source").asText())) {
                        recordings.add(c);
                    }
                });
            }
            for (JsonNode r : recordings) {
                Optional<String> problem = RecordingDocument.chainProblem(r.path("segments"), sha);
                if (problem.isEmpty() && r.path("file").isTextual()
                        && !r.path("file").asText().equals("") && !r.path("sha256").asText("").equals(sha.get(r.path("file").asText()))) {
                    problem = Optional.of(r.path("file").asText() + " is not the cut this file describes (its sha256 differs)");
                }
                if (problem.isPresent()) {
                    return new Verification.Failed(Verification.Problem.CHAIN_BROKEN, f.path(), problem.get());
                }
            }
        }
        return null;
    }

    /** Every file but the manifest, sorted; links count as files so a link cannot hide as a listed file. */
    private static Set<String> present(Path folder) throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> PackagePaths.of(folder, p))
                    .filter(p -> !p.equals(Manifest.FILE_NAME))
                    .forEach(files::add);
        }
        for (String path : files) {
            if (Files.isSymbolicLink(PackagePaths.resolve(folder, path))) {
                throw new EvidenceException(path + " in " + folder + " is a link, not a file; a package holds files only.");
            }
        }
        return files;
    }
}
