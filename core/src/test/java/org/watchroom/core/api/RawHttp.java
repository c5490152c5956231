package org.watchroom.core.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Raw HTTP/1.1 over a socket, for what java.net.http refuses to send: broken chunks, bodies shorter than their
 * Content-Length, bad {@code %} escapes, odd upgrade requests.
 */
final class RawHttp {
    /** What came back: the status (0 when the server closed without answering), headers (lower-case names), body. */
    record Answer(int status, Map<String, String> headers, String body) {
        String contentType() {
            return headers.getOrDefault("content-type", "");
        }
    }

    private RawHttp() {
    }

    /**
     * Sends {@code request} (ISO-8859-1 text, or bytes), then half-closes the socket when {@code halfClose} (the
     * client stops sending, as one that gave up would) and reads the answer for up to {@code wait}.
     */
    @SuppressWarnings("AddressSelection") // the servers under test listen on IPv4 loopback
    static Answer exchange(int port, byte[] request, boolean halfClose, Duration wait) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) wait.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            if (halfClose) {
                socket.shutdownOutput();
            }
            return read(socket.getInputStream());
        }
    }

    static Answer exchange(int port, String request, boolean halfClose, Duration wait) throws IOException {
        return exchange(port, request.getBytes(StandardCharsets.ISO_8859_1), halfClose, wait);
    }

    /** Reads one response: headers, then Content-Length bytes, a chunked body, or everything up to the close. */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headerEnd = -1;
        long wanted = -1;
        try {
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                all.write(buffer, 0, n);
                String text = all.toString(StandardCharsets.ISO_8859_1);
                if (headerEnd < 0) {
                    headerEnd = text.indexOf("\r\n\r\n");
                    if (headerEnd >= 0) {
                        Map<String, String> headers = headers(text.substring(0, headerEnd));
                        wanted = headers.containsKey("content-length")
                                ? Long.parseLong(headers.get("content-length").strip()) : -1;
                    }
                }
                if (headerEnd >= 0 && wanted >= 0 && all.size() - headerEnd - 4 >= wanted) {
                    break;
                }
                if (headerEnd >= 0 && wanted < 0 && text.endsWith("\r\n0\r\n\r\n")) {
                    break; // the end of a chunked body
                }
            }
        } catch (SocketTimeoutException | SocketException stopped) {
            // what arrived is the answer (or there was none)
        }
        String text = all.toString(StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.") || end < 0) {
            return new Answer(0, Map.of(), text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        Map<String, String> headers = headers(text.substring(0, end));
        String body = text.substring(end + 4);
        if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static Map<String, String> headers(String head) {
        Map<String, String> headers = new LinkedHashMap<>();
        String[] lines = head.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
            }
        }
        return headers;
    }

    private static String unchunk(String body) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (at < body.length()) {
            int lineEnd = body.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(body.substring(at, lineEnd).split(";")[0].strip(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, lineEnd + 2, Math.min(body.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return out.toString();
    }
}
