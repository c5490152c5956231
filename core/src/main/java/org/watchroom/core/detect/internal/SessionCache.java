package org.watchroom.core.detect.internal;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session per model file and execution provider, shared by every detector that uses that
 * model (sessions allow concurrent {@code run} calls; each detector keeps its own tensors). Reference counted:
 * the session closes when its last detector closes.
 *
 * <p>Thread-safety: all methods synchronized; loading happens under the lock, so two cameras asking for the
 * same model at once load it once.
 */
public final class SessionCache implements AutoCloseable {

    /** Loads a session; failures are already translated into clear exceptions. */
    @FunctionalInterface
    public interface Loader {
        OrtSession load(Path file);
    }

    private record Key(Path file, String provider) {
    }

    private static final class Entry {
        final OrtSession session;
        final Key key;
        int users;

        Entry(OrtSession session, Key key) {
            this.session = session;
            this.key = key;
        }
    }

    @GuardedBy("this")
    private final Map<Key, Entry> byKey = new HashMap<>();
    @GuardedBy("this")
    private final IdentityHashMap<OrtSession, Entry> bySession = new IdentityHashMap<>();

    /** The shared session for {@code file} (a real path), loading it on first use. */
    public synchronized OrtSession acquire(Path file, String provider, Loader loader) {
        Key key = new Key(file, provider);
        Entry entry = byKey.get(key);
        if (entry == null) {
            entry = new Entry(loader.load(file), key);
            byKey.put(key, entry);
            bySession.put(entry.session, entry);
        }
        entry.users++;
        return entry.session;
    }

    /** Gives a session back; closes it when nobody uses it any more. */
    public synchronized void release(OrtSession session) {
        Entry entry = bySession.get(session);
        if (entry != null && --entry.users == 0) {
            bySession.remove(session);
            byKey.remove(entry.key);
            closeQuietly(session);
        }
    }

    public synchronized int size() {
        return byKey.size();
    }

    @Override
    public synchronized void close() {
        List<OrtSession> open = new ArrayList<>(bySession.keySet());
        bySession.clear();
        byKey.clear();
        open.forEach(SessionCache::closeQuietly);
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            // Closing frees native memory; a failure here leaves nothing for the caller to do.
        }
    }
}
