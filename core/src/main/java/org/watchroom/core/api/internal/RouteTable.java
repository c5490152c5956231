package org.watchroom.core.api.internal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers HTTP routes and remembers them, so the OpenAPI document can be checked against what is really
 * served.
 *
 * <p>Thread-safety: filled once while the server is configured, read afterwards.
 */
public final class RouteTable {
    /** One served route: upper-case method and Javalin path ({@code /api/v1/cameras/{id}}). */
    public record Route(String method, String path) {
    }

    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    public RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    public RouteTable get(String path, Handler handler) {
        routes.get(path, handler);
        registered.add(new Route("GET", path));
        return this;
    }

    public RouteTable post(String path, Handler handler) {
        routes.post(path, handler);
        registered.add(new Route("POST", path));
        return this;
    }

    public RouteTable put(String path, Handler handler) {
        routes.put(path, handler);
        registered.add(new Route("PUT", path));
        return this;
    }

    public RouteTable delete(String path, Handler handler) {
        routes.delete(path, handler);
        registered.add(new Route("DELETE", path));
        return this;
    }

    /** A route served outside plain handlers (the WebSocket upgrade), listed for the document. */
    public void note(String method, String path) {
        registered.add(new Route(method, path));
    }

    public List<Route> registered() {
        return List.copyOf(registered);
    }
}
