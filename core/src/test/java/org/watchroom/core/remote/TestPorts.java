package org.watchroom.core.remote;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.auth.Operator;
import org.watchroom.core.auth.Role;
import org.watchroom.core.auth.SignIn;
import org.watchroom.core.auth.User;
import org.watchroom.core.bus.WatchroomEvent;
import org.watchroom.core.store.Camera;
import org.watchroom.core.store.CameraStore;
import org.watchroom.core.store.Event;
import org.watchroom.core.store.EventDetails;
import org.watchroom.core.store.EventQuery;
import org.watchroom.core.store.EventStore;

/**
 * Ports for the RPC tests, mirroring methods of the real stores (whose port interfaces are extracted elsewhere) and
 * implemented by delegating to them, plus {@link Probe} for what no store does on demand (block, throw, echo).
 */
final class TestPorts {
    private TestPorts() {
    }

    public interface Cameras {
        List<Camera> list();

        Optional<Camera> find(long id);

        Camera add(Camera camera, Operator by);

        boolean remove(long id, Operator by);

        /** Runs in the client, over {@link #list}. */
        default int count() {
            return list().size();
        }
    }

    public interface Users {
        boolean none();

        User add(String userName, String displayName, Role role, char[] password, Operator by);

        Optional<User> find(String userName);

        SignIn signIn(String userName, char[] password);
    }

    public interface Events {
        Optional<Event> find(long id);

        Optional<EventDetails> details(long id);

        List<Event> list(EventQuery query);
    }

    public interface Probe {
        /** Returns {@code event} as it arrived. */
        WatchroomEvent echo(WatchroomEvent event);

        /** Throws an IllegalStateException with {@code message}. */
        String fail(String message);

        /** Waits until the test opens the gate; returns how many calls waited. */
        int await(String who);
    }

    /** Not registered: calls to it are refused. */
    public interface Unregistered {
        int anything();
    }

    static Cameras cameras(CameraStore store) {
        return new Cameras() {
            @Override
            public List<Camera> list() { return store.list(); }

            @Override
            public Optional<Camera> find(long id) { return store.find(id); }

            @Override
            public Camera add(Camera camera, Operator by) { return store.add(camera, by); }

            @Override
            public boolean remove(long id, Operator by) { return store.remove(id, by); }
        };
    }

    static Users users(UserStore store) {
        return new Users() {
            @Override
            public boolean none() { return store.none(); }

            @Override
            public User add(String userName, String displayName, Role role, char[] password, Operator by) {
                return store.add(userName, displayName, role, password, by);
            }

            @Override
            public Optional<User> find(String userName) { return store.find(userName); }

            @Override
            public SignIn signIn(String userName, char[] password) { return store.signIn(userName, password); }
        };
    }

    static Events events(EventStore store) {
        return new Events() {
            @Override
            public Optional<Event> find(long id) { return store.find(id); }

            @Override
            public Optional<EventDetails> details(long id) { return store.details(id); }

            @Override
            public List<Event> list(EventQuery query) { return store.list(query); }
        };
    }

    /** A {@link Probe} whose {@link Probe#await} calls wait for {@link #gate}. */
    static final class GatedProbe implements Probe {
        final CountDownLatch gate = new CountDownLatch(1);
        final CountDownLatch waiting = new CountDownLatch(1);

        @Override
        public WatchroomEvent echo(WatchroomEvent event) { return event; }

        @Override
        public String fail(String message) {
            throw new IllegalStateException(message);
        }

        @Override
        public int await(String who) {
            waiting.countDown();
            try {
                return gate.await(30, TimeUnit.SECONDS) ? 1 : 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }
}
