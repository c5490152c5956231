package org.watchroom.core.store;

import java.util.List;

/**
 * What start-up recovery fixed.
 *
 * <p>Thread-safety: immutable.
 *
 * @param clipsClosed       open clip rows it closed
 * @param filesMissing      of those, clips whose file was gone (closed with 0 bytes and no hash)
 * @param eventsInterrupted events it marked interrupted and ended
 * @param problems          files it could not read, in plain words
 * @param clipsAdopted      clip files it found without a row (written just before a crash, their row still queued)
 *                          and gave one, linked to the events of their time
 */
public record RecoverySummary(int clipsClosed, int filesMissing, int eventsInterrupted, List<String> problems,
                              int clipsAdopted) {
    public RecoverySummary {
        problems = List.copyOf(problems);
    }

    public RecoverySummary(int clipsClosed, int filesMissing, int eventsInterrupted, List<String> problems) {
        this(clipsClosed, filesMissing, eventsInterrupted, problems, 0);
    }

    public boolean nothingToDo() {
        return clipsClosed == 0 && eventsInterrupted == 0 && problems.isEmpty() && clipsAdopted == 0;
    }
}
