package org.watchroom.core.control;

import java.nio.file.Path;
import java.util.List;

/**
 * A command line to run inside the engine, sent by {@code watchroom} beside it.
 *
 * <p>Thread-safety: immutable.
 *
 * @param args the command line as typed (after {@code watchroom})
 * @param cwd the folder it was typed in: relative paths in {@code args} mean files there
 * @param osUser who typed it: the socket's peer credentials where the system gives them
 */
public record CommandRequest(List<String> args, Path cwd, String osUser) {
    public CommandRequest {
        args = List.copyOf(args);
    }
}
