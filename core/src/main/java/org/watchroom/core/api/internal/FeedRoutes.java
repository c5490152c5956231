package org.watchroom.core.api.internal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;

/**
 * The live feed over Server-Sent Events ({@code /api/v1/events/stream}, resumable with {@code Last-Event-ID})
 * and over a WebSocket ({@code /api/v1/ws}; token as {@code ?token=} or as the first message, plain or
 * {@code {"token":"…"}}). Each connection drains its own bounded queue on its own virtual thread, waiting for
 * each write, so a slow client only ever loses its own messages (see {@link FeedClient}).
 *
 * <p>Thread-safety: safe from any thread; per-connection state lives in its queue and writer thread.
 */
public final class FeedRoutes {
    static final long HEARTBEAT_MS = 15_000;
    static final long WS_AUTH_TIMEOUT_MS = 10_000;
    private final ApiContext api;
    private final ApiAuth auth;
    private final Map<String, WsSession> sessions = new ConcurrentHashMap<>();

    public FeedRoutes(ApiContext api, ApiAuth auth) {
        this.api = api;
        this.auth = auth;
    }

    public void register(RouteTable routes, RoutesConfig config) {
        routes.get("/api/v1/events/stream", this::sse);
        config.ws("/api/v1/ws", ws -> {
            ws.onConnect(this::connected);
            ws.onMessage(ctx -> message(ctx, ctx.message()));
            ws.onClose(ctx -> closed(ctx.sessionId()));
            ws.onError(ctx -> closed(ctx.sessionId()));
        });
        routes.note("GET", "/api/v1/ws");
    }

    private void sse(Context ctx) throws IOException, InterruptedException {
        String last = ctx.header("Last-Event-ID");
        Long lastId = last == null || last.isBlank() ? null : Ids.parse(last.strip(), "Last-Event-ID");
        ctx.status(200).contentType("text/event-stream").header("Cache-Control", "no-store")
                .header("X-Accel-Buffering", "no");
        // the servlet's own stream: Javalin's may hold small writes back while it decides on compression
        OutputStream out = ctx.res().getOutputStream();
        try (FeedClient client = api.feed().open(lastId)) {
            stream(out, client);
        } catch (IOException clientGone) {
            // the normal end of a stream: the client closed it
        }
    }

    private static void stream(OutputStream out, FeedClient client) throws IOException, InterruptedException {
        out.write(": watchroom live feed\nretry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        long lastWrite = System.currentTimeMillis();
        while (!Thread.currentThread().isInterrupted()) {
            FeedMessage message = client.poll(1000);
            if (message != null) {
                out.write(message.sseBlock().getBytes(StandardCharsets.UTF_8));
                out.flush();
                lastWrite = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastWrite > HEARTBEAT_MS) {
                // a comment keeps proxies from closing an idle stream and finds a gone client
                out.write(":\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                lastWrite = System.currentTimeMillis();
            }
        }
    }

    /** One WebSocket connection: waiting for its token, then fed by its writer thread. */
    private final class WsSession {
        private final WsContext ctx;
        private volatile FeedClient client;
        private volatile Thread writer;
        /** Set once a token arrived: later messages are not tokens, and the sign-in timer lets it be. */
        private final AtomicBoolean tokenSeen = new AtomicBoolean();

        WsSession(WsContext ctx) {
            this.ctx = ctx;
        }

        void start() {
            client = api.feed().open(null);
            writer = Thread.ofVirtual().name("api-ws-" + ctx.sessionId()).start(this::drain);
        }

        private void drain() {
            try {
                ctx.send("{\"type\":\"hello\",\"data\":{}}");
                while (!Thread.currentThread().isInterrupted() && ctx.session.isOpen()) {
                    FeedMessage message = client.poll(1000);
                    if (message != null) {
                        Callback.Completable sent = new Callback.Completable();
                        ctx.session.sendText(message.wsFrame(), sent);
                        sent.get(30, TimeUnit.SECONDS);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception gone) {
                ctx.closeSession();
            } finally {
                client.close();
            }
        }

        void stop() {
            Thread w = writer;
            if (w != null) {
                w.interrupt();
            } else if (client != null) {
                client.close();
            }
        }
    }

    private void connected(WsContext ctx) {
        ctx.enableAutomaticPings(); // keeps a quiet socket from hitting the idle timeout
        WsSession session = new WsSession(ctx);
        sessions.put(ctx.sessionId(), session);
        String token = ctx.queryParam("token");
        if (token != null) {
            signIn(ctx, session, token);
            return;
        }
        // no token yet: the first message must carry it, soon
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(WS_AUTH_TIMEOUT_MS);
            } catch (InterruptedException e) {
                return;
            }
            if (sessions.get(ctx.sessionId()) == session && !session.tokenSeen.get()) {
                ctx.closeSession(1008, "Unauthorized: send the API token first.");
            }
        });
    }

    private void message(WsContext ctx, String text) {
        WsSession session = sessions.get(ctx.sessionId());
        if (session == null || session.tokenSeen.get()) {
            return; // after the token the socket only sends
        }
        String token = text.strip();
        if (token.startsWith("{")) {
            try {
                var node = Json.MAPPER.readTree(token).get("token");
                token = node == null ? "" : node.asText();
            } catch (IOException e) {
                token = "";
            }
        }
        signIn(ctx, session, token);
    }

    /**
     * Checks the session's one token on a virtual thread of its own: a guess waits its turn and its delay
     * there ({@link ApiAuth#checkToken}), as an HTTP guess does, without holding up the socket's callbacks.
     */
    private void signIn(WsContext ctx, WsSession session, String token) {
        if (!session.tokenSeen.compareAndSet(false, true)) {
            return;
        }
        String address = address(ctx);
        Thread.ofVirtual().name("api-ws-auth-" + ctx.sessionId()).start(() -> {
            try {
                if (auth.checkToken(token, address).isEmpty()) {
                    ctx.closeSession(1008, "Unauthorized: the API token is not valid.");
                } else if (sessions.get(ctx.sessionId()) == session) {
                    session.start();
                }
            } catch (InterruptedException e) {
                ctx.closeSession(1001, "The server is stopping.");
            }
        });
    }

    private void closed(String sessionId) {
        WsSession session = sessions.remove(sessionId);
        if (session != null) {
            session.stop();
        }
    }

    private static String address(WsContext ctx) {
        return ctx.session.getRemoteSocketAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(ctx.session.getRemoteSocketAddress());
    }
}
