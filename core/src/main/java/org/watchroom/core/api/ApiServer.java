package org.watchroom.core.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchroom.core.account.UserStore;
import org.watchroom.core.api.internal.ApiAuth;
import org.watchroom.core.api.internal.ApiContext;
import org.watchroom.core.api.internal.ApiProblem;
import org.watchroom.core.api.internal.AuthFailures;
import org.watchroom.core.api.internal.CameraRoutes;
import org.watchroom.core.api.internal.EventRoutes;
import org.watchroom.core.api.internal.FeedRoutes;
import org.watchroom.core.api.internal.FrameJpegs;
import org.watchroom.core.api.internal.HealthRoutes;
import org.watchroom.core.api.internal.LiveFeed;
import org.watchroom.core.api.internal.MediaRoutes;
import org.watchroom.core.api.internal.ProblemErrorHandler;
import org.watchroom.core.api.internal.QueryText;
import org.watchroom.core.api.internal.RecordingRoutes;
import org.watchroom.core.api.internal.RouteTable;
import org.watchroom.core.api.internal.StatsRoutes;
import org.watchroom.core.auth.AccessDeniedException;
import org.watchroom.core.config.CacheDirectory;
import org.watchroom.core.digest.Sha256;
import org.watchroom.core.engine.Engine;
import org.watchroom.core.record.CutCache;
import org.watchroom.core.redaction.RedactedThrowable;
import org.watchroom.core.settings.ApiSettings;
import org.watchroom.core.store.SettingsStore;
import org.watchroom.core.store.StorageFailures;
import org.watchroom.core.store.StoreException;

/**
 * The embedded REST API (Javalin on Jetty, a virtual thread per request) over a running {@link Engine}: see
 * docs/decisions/0009-rest-api.md and the OpenAPI document at {@code /api/v1/openapi.json}.
 *
 * <p>Thread-safety: start and close from one thread; requests are served concurrently.
 */
public final class ApiServer implements AutoCloseable {
    /** Largest request body; camera definitions and review notes are far smaller. */
    public static final long MAX_BODY_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private final Javalin app;
    private final LiveFeed feed;
    private final List<RouteTable.Route> routes;
    private final String host;

    private ApiServer(Javalin app, LiveFeed feed, List<RouteTable.Route> routes, String host) {
        this.app = app;
        this.feed = feed;
        this.routes = routes;
        this.host = host;
    }

    /**
     * What tests turn: the clock of the token-guessing slowdown (so a quiet minute passes without sleeping) and
     * how long a connection may stay silent mid-request before the server gives up on it (Jetty's 30 s by
     * default; a test of a stalled body should not wait that long).
     */
    record Tuning(LongSupplier nanoTime, Duration idleTimeout) {
        static final Tuning DEFAULT = new Tuning(System::nanoTime, Duration.ofSeconds(30));
    }

    /** Starts listening as {@code settings} say; a port in use is a clear error. */
    public static ApiServer start(Engine engine, ApiSettings settings, ApiTokens tokens) {
        return start(engine, settings, tokens, Tuning.DEFAULT);
    }

    static ApiServer start(Engine engine, ApiSettings settings, ApiTokens tokens, Tuning tuning) {
        LiveFeed feed = new LiveFeed(engine.bus());
        ApiContext api = new ApiContext(engine, tokens, feed, new FrameJpegs(), Instant.now(), cutCache(engine));
        ApiAuth auth = new ApiAuth(tokens, new AuthFailures(tuning.nanoTime()));
        RouteTable[] table = new RouteTable[1];
        Javalin app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler()));
            cfg.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(settings.bind());
                connector.setPort(settings.port());
                connector.setIdleTimeout(tuning.idleTimeout().toMillis());
                return connector;
            });
            if (!settings.corsOrigins().isEmpty()) {
                cfg.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    List<String> origins = settings.corsOrigins();
                    rule.allowHost(origins.getFirst(), origins.subList(1, origins.size()).toArray(String[]::new));
                }));
            }
            cfg.routes.before(QueryText::check);
            cfg.routes.before(auth::check);
            RouteTable routes = new RouteTable(cfg.routes);
            new HealthRoutes(api).register(routes);
            new FeedRoutes(api, auth).register(routes, cfg.routes); // before /events/{id}
            new EventRoutes(api).register(routes);
            new CameraRoutes(api).register(routes);
            new MediaRoutes(api).register(routes);
            new RecordingRoutes(api).register(routes);
            new StatsRoutes(api).register(routes);
            table[0] = routes;
            cfg.routes.exception(ApiProblem.class, (e, ctx) -> e.send(ctx));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> ApiProblem.write(ctx, e.getStatus(),
                    title(e.getStatus()), detail(e)));
            cfg.routes.exception(AccessDeniedException.class, (e, ctx) ->
                    ApiProblem.write(ctx, 403, "Forbidden", e.getMessage() + " Use a token of a user whose role allows it."));
            cfg.routes.exception(IllegalArgumentException.class, (e, ctx) ->
                    ApiProblem.write(ctx, 400, "Invalid request", e.getMessage()));
            cfg.routes.exception(StoreException.class, (e, ctx) -> {
                if (StorageFailures.isStorageFailure(e)) {
                    storageUnavailable(ctx, e);
                } else {
                    ApiProblem.write(ctx, 409, "Conflict", e.getMessage());
                }
            });
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                if (StorageFailures.isStorageFailure(e)) {
                    storageUnavailable(ctx, e);
                    return;
                }
                LOG.warn("API {} {} failed", ctx.method(), ctx.path(), RedactedThrowable.of(e, null));
                ApiProblem.write(ctx, 500, "Internal error", "The server could not complete the request; see its log.");
            });
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            feed.close();
            try {
                app.stop();
            } catch (RuntimeException alreadyDown) {
                // nothing was listening
            }
            throw new IllegalStateException("Cannot start the API on " + settings.bind() + ":" + settings.port() + " ("
                    + rootMessage(e) + "); choose another with --api-port, or turn it off with --no-api.", e);
        }
        ApiServer server = new ApiServer(app, feed, table[0].registered(), settings.bind());
        LOG.info("REST API listening on {}", server.url());
        return server;
    }

    /**
     * Cuts of recordings served over HTTP: in the cache folder (nothing there is evidence), one subfolder per data
     * folder so that two installations never share cuts; at most 2 GiB, each kept an hour after its last use.
     */
    private static CutCache cutCache(Engine engine) {
        String data = engine.database().file().toAbsolutePath().getParent().toString();
        String name = HexFormat.of().formatHex(Sha256.of(data), 0, 8);
        return new CutCache(
                CacheDirectory.resolve().resolve("cuts").resolve(name), 2L << 30,
                Duration.ofHours(1));
    }

    /** 503: the database cannot be read or written now (a full disk); the client may retry. */
    private static void storageUnavailable(Context ctx, Exception e) {
        LOG.debug("API {} {}: storage failing", ctx.method(), ctx.path(), e);
        ctx.header("Retry-After", "5");
        ApiProblem.write(ctx, 503, "Storage unavailable", "Storage failing: " + StorageFailures.describe(e)
                + ". Try again when it works; /api/v1/health says when.");
    }

    /**
     * Starts the API over {@code engine} when the stored settings (with {@code overrides}) enable it; the token
     * is created on first use. Empty when it is switched off.
     */
    public static Optional<ApiServer> startIfEnabled(Engine engine, ApiOverrides overrides) {
        SettingsStore stored = new SettingsStore(engine.database());
        ApiSettings settings = overrides.apply(ApiSettings.load(stored));
        if (!settings.enabled()) {
            return Optional.empty();
        }
        return Optional.of(start(engine, settings, new ApiTokens(stored, new UserStore(engine.database()))));
    }

    private static String title(int status) {
        return switch (status) {
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 413 -> "Body too large";
            case 415 -> "Unsupported media type";
            default -> HttpStatus.getMessage(status);
        };
    }

    private static String detail(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> "There is no such endpoint; see /api/v1/openapi.json.";
            case 413 -> "The request body is larger than " + MAX_BODY_BYTES + " bytes.";
            default -> e.getMessage();
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The port it listens on (the chosen one when asked for 0). */
    public int port() { return app.port(); }

    /** {@code http://host:port}. */
    public String url() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + h + ":" + port();
    }

    /** The served routes (method, path), for the OpenAPI document's check. */
    public List<RouteTable.Route> routes() { return routes; }

    @Override
    public void close() {
        feed.close();
        app.stop();
    }
}
