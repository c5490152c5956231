package org.watchroom.core.api.internal;

/**
 * One message of the live feed, already serialised for both transports.
 *
 * <p>Thread-safety: immutable.
 *
 * @param id      increasing from 1 per server; the SSE {@code id:} used for {@code Last-Event-ID} resume
 * @param sseType SSE event name ({@code camera_status}, {@code detection}, {@code event_start}, …)
 * @param wsType  WebSocket message {@code type} ({@code stream_status}, {@code inference_result}, …)
 * @param data    JSON object of the payload
 */
public record FeedMessage(long id, String sseType, String wsType, String data) {

    /** The WebSocket frame: {@code {"type":…,"id":…,"data":{…}}}. */
    public String wsFrame() {
        return "{\"type\":\"" + wsType + "\",\"id\":" + id + ",\"data\":" + data + "}";
    }

    /** The SSE block, ending with the blank line that dispatches it. */
    public String sseBlock() {
        return "id: " + id + "\nevent: " + sseType + "\ndata: " + data + "\n\n";
    }
}
