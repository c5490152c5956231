package org.watchroom.core.remote;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.util.RawValue;

/** Raw call arguments for tests that speak the protocol by hand. */
final class RemoteEngineJson {
    private RemoteEngineJson() {
    }

    static ArrayNode array(String... rawJson) {
        ArrayNode array = WireJson.MAPPER.createArrayNode();
        for (String json : rawJson) {
            array.addRawValue(new RawValue(json));
        }
        return array;
    }
}
