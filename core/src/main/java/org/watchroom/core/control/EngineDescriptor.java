package org.watchroom.core.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * What a running engine writes into {@code <data>/run/engine.json}: its process, when it started, which version it
 * is, where its control socket is, and what hosts it (the service, a workstation window).
 *
 * <p>Thread-safety: immutable.
 */
public record EngineDescriptor(long pid, Instant started, String version, Path socket, String host) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The descriptor at {@code file}, when there is a readable one. */
    static Optional<EngineDescriptor> read(Path file) {
        try {
            JsonNode node = JSON.readTree(file.toFile());
            return Optional.of(new EngineDescriptor(node.path("pid").asLong(), Instant.parse(node.path("started").asText()),
                    node.path("version").asText(), Path.of(node.path("socket").asText()), node.path("host").asText()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // missing, half-written by a crashed engine, or not ours: no engine there
        }
    }

    /** Writes it through a temporary file, so a reader never sees half of it. */
    void write(Path file, ControlPaths paths) throws IOException {
        ObjectNode node = JSON.createObjectNode();
        node.put("pid", pid);
        node.put("started", started.toString());
        node.put("version", version);
        node.put("socket", socket.toString());
        node.put("host", host);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (ControlPaths.posix(file.getParent())) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(paths.descriptorPermissions()));
        }
        Files.write(tmp, JSON.writeValueAsBytes(node));
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
