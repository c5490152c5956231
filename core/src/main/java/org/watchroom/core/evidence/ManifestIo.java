package org.watchroom.core.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes {@code manifest.json} ({@code {"format":"watchroom-evidence","version":1,…}}); reading checks
 * the format, the version and every file entry, so a hand-edited manifest fails with a clear message.
 *
 * <p>Thread-safety: stateless.
 */
public final class ManifestIo {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ManifestIo() {
    }

    public static byte[] write(Manifest m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", Manifest.FORMAT);
        root.put("version", Manifest.VERSION);
        root.put("export_id", m.exportId());
        root.put("created_at", m.createdAt().toString());
        root.put("created_by", m.createdBy());
        root.put("watchroom_version", m.watchroomVersion());
        root.put("time_zone", m.timeZone());
        ArrayNode events = root.putArray("events");
        m.events().forEach(events::add);
        ArrayNode files = root.putArray("files");
        for (ManifestFile f : m.files()) {
            files.addObject().put("path", f.path()).put("bytes", f.bytes()).put("sha256", f.sha256());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Parses a manifest; throws {@link EvidenceException} saying what is wrong with it. */
    public static Manifest read(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new EvidenceException("manifest.json is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new EvidenceException("manifest.json cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !Manifest.FORMAT.equals(root.path("format").asText())) {
            throw new EvidenceException("manifest.json is not a Watchroom evidence manifest (format is not '"
                    + Manifest.FORMAT + "').");
        }
        if (root.path("version").asInt() != Manifest.VERSION) {
            throw new EvidenceException("manifest.json has version " + root.path("version")
                    + "; this Watchroom reads version " + Manifest.VERSION + ".");
        }
        List<Long> events = new ArrayList<>();
        root.path("events").forEach(e -> events.add(e.asLong()));
        List<ManifestFile> files = new ArrayList<>();
        for (JsonNode f : root.path("files")) {
            String path = f.path("path").asText("");
            String sha = f.path("sha256").asText("");
            if (!PackagePaths.valid(path) || !sha.matches("[0-9a-f]{64}") || !f.path("bytes").canConvertToLong()) {
                throw new EvidenceException("manifest.json has a bad file entry: " + f);
            }
            files.add(new ManifestFile(path, f.path("bytes").asLong(), sha));
        }
        if (!root.path("files").isArray()) {
            throw new EvidenceException("manifest.json has no file list.");
        }
        Instant created;
        try {
            created = Instant.parse(root.path("created_at").asText());
        } catch (DateTimeParseException e) {
            throw new EvidenceException("manifest.json has a bad created_at: " + root.path("created_at"));
        }
        return new Manifest(root.path("export_id").asText(null), created, root.path("created_by").asText(null),
                root.path("watchroom_version").asText(null), root.path("time_zone").asText(null), events, files);
    }
}
