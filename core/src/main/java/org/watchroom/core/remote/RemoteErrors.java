package org.watchroom.core.remote;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import org.watchroom.core.auth.AccessDeniedException;
import org.watchroom.core.auth.Permission;
import org.watchroom.core.control.ControlConnection;
import org.watchroom.core.redaction.Redaction;

/**
 * Exceptions across the control socket. The engine sends an exception's class name and its message through
 * {@link Redaction} (a camera URL in a message loses its password), never its stack trace or causes; the client
 * throws the same type where it may rebuild it (a {@code java.lang}, {@code java.util} or Watchroom exception with a
 * public message constructor, or the nearest such superclass, so {@code catch (IllegalArgumentException e)} still
 * catches a subclass it could not rebuild), otherwise a {@link RemoteCallException} with the type's name.
 *
 * <p>Thread-safety: stateless, safe from any thread.
 */
final class RemoteErrors {
    /** Messages longer than this are cut: an error frame is a sentence, not a dump. */
    static final int MAX_MESSAGE = 4000;
    private static final List<String> REBUILT = List.of("java.lang.", "java.util.", "org.watchroom.");
    /** Too general to say anything: an exception that only reaches these is reported as a RemoteCallException. */
    private static final Set<Class<?>> TOO_GENERAL = Set.of(Throwable.class, Exception.class, RuntimeException.class,
            Error.class);
    private static final Set<Class<?>> EXPECTED = Set.of(IllegalArgumentException.class, IllegalStateException.class,
            AccessDeniedException.class, NoSuchElementException.class, UnsupportedOperationException.class);

    private RemoteErrors() {
    }

    /** The error frame for call {@code id} that failed with {@code error}. */
    static ObjectNode frame(long id, Throwable error) {
        ObjectNode frame = ControlConnection.frame("error").put("id", id).put("type", error.getClass().getName())
                .put("message", message(error.getMessage()));
        if (error instanceof AccessDeniedException denied && denied.permission() != null) {
            frame.put("permission", denied.permission().name());
        }
        return frame;
    }

    /** {@code text} redacted and cut to {@link #MAX_MESSAGE}; null stays null. */
    static String message(String text) {
        String redacted = Redaction.redact(text);
        return redacted == null || redacted.length() <= MAX_MESSAGE ? redacted : redacted.substring(0, MAX_MESSAGE) + "…";
    }

    /** Whether {@code error} is an answer (a refusal, a bad value) rather than a fault worth a warning in the log. */
    static boolean expected(Throwable error) {
        for (Class<?> c = error.getClass(); c != null; c = c.getSuperclass()) {
            if (EXPECTED.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** What to throw, on the calling thread, for an error frame answering a call of {@code method}. */
    static Throwable rebuild(ObjectNode frame, Method method) {
        String type = frame.path("type").asText("");
        String message = frame.hasNonNull("message") ? frame.get("message").asText() : null;
        if (type.equals(AccessDeniedException.class.getName())) {
            Permission permission = permission(frame.path("permission").asText(""));
            if (permission != null) {
                return new AccessDeniedException(message, permission);
            }
        }
        if (REBUILT.stream().noneMatch(type::startsWith)) {
            return new RemoteCallException(type, message);
        }
        Class<?> thrown;
        try {
            thrown = Class.forName(type, false, RemoteErrors.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return new RemoteCallException(type, message); // a class only the engine has (another version)
        }
        for (Class<?> c = thrown; c != null && !TOO_GENERAL.contains(c); c = c.getSuperclass()) {
            if (REBUILT.stream().anyMatch(c.getName()::startsWith) && throwable(c, method)) {
                Throwable rebuilt = withMessage(c, message);
                if (rebuilt != null) {
                    return rebuilt;
                }
            }
        }
        return new RemoteCallException(type, message);
    }

    /** Unchecked, or checked and declared by {@code method} (a proxy may throw nothing else). */
    private static boolean throwable(Class<?> c, Method method) {
        if (RuntimeException.class.isAssignableFrom(c)) {
            return true;
        }
        if (!Exception.class.isAssignableFrom(c)) {
            return false; // an Error in the engine is no error of this process
        }
        for (Class<?> declared : method.getExceptionTypes()) {
            if (declared.isAssignableFrom(c)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable withMessage(Class<?> c, String message) {
        if (Modifier.isAbstract(c.getModifiers()) || !Modifier.isPublic(c.getModifiers())) {
            return null;
        }
        try {
            Constructor<?> constructor = c.getConstructor(String.class);
            return (Throwable) constructor.newInstance(message);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException | RuntimeException e) {
            return null;
        }
    }

    private static Permission permission(String name) {
        try {
            return Permission.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
