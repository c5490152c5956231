package org.watchroom.core.remote;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The allow-list of what clients may call in the engine: each registered port interface with its implementation.
 * Only a registered interface's own abstract methods can be called ({@code Object}'s, default and static methods
 * cannot); anything else a client names is refused.
 *
 * <p>Methods are named by signature, {@code find(long)}, so overloads stay apart.
 *
 * <p>Thread-safety: safe from any thread; register the ports before clients connect.
 */
public final class PortRegistry {
    /** A registered port: its interface, its implementation and its callable methods by signature. */
    record Port(Class<?> type, Object implementation, Map<String, Method> methods) {
        Optional<Method> method(String signature) {
            return Optional.ofNullable(methods.get(signature));
        }
    }

    private final Map<String, Port> ports = new ConcurrentHashMap<>();

    /**
     * Lets clients call {@code port}'s methods on {@code implementation}.
     *
     * @throws IllegalArgumentException when {@code port} is not a public interface, or is registered already
     */
    public <T> PortRegistry register(Class<T> port, T implementation) {
        if (!port.isInterface() || !Modifier.isPublic(port.getModifiers())) {
            throw new IllegalArgumentException(port.getName() + " is not a public interface: only those are ports.");
        }
        Map<String, Method> methods = Arrays.stream(port.getMethods()).filter(PortRegistry::remote)
                .collect(Collectors.toUnmodifiableMap(PortRegistry::signature, m -> m));
        Port registered = new Port(port, port.cast(implementation), methods);
        if (ports.putIfAbsent(port.getName(), registered) != null) {
            throw new IllegalArgumentException(port.getName() + " is registered already.");
        }
        return this;
    }

    /** The port registered under its interface's name. */
    Optional<Port> port(String name) {
        return Optional.ofNullable(ports.get(name));
    }

    /** Whether calls of {@code method} travel to the engine: a port's own abstract methods only. */
    static boolean remote(Method method) {
        if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || !Modifier.isAbstract(method.getModifiers())) {
            return false;
        }
        try {
            Object.class.getMethod(method.getName(), method.getParameterTypes());
            return false; // toString(), equals(…), hashCode() redeclared by the interface
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    /** {@code name(type,type)} with erased parameter types: how a call names its method. */
    static String signature(Method method) {
        return method.getName() + Arrays.stream(method.getParameterTypes()).map(Class::getTypeName)
                .collect(Collectors.joining(",", "(", ")"));
    }
}
