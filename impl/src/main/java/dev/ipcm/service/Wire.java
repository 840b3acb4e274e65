package dev.ipcm.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ipcm.internal.Json;

/**
 * The reserved content keys of service traffic and the classification rules, exactly as
 * IPC::Manager writes and reads them, so Perl and Java services and callers interoperate.
 */
final class Wire {
    static final String REQUEST_ID = "ipcm_request_id";
    static final String REQUEST = "request";
    static final String RESPONSE_ID = "ipcm_response_id";
    static final String RESPONSE = "response";
    static final String ERROR = "ipcm_error";

    private Wire() {}

    static ObjectNode request(String id, Object request) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put(REQUEST_ID, id);
        o.set(REQUEST, request == null ? NullNode.getInstance() : Json.toTree(request));
        return o;
    }

    static ObjectNode response(String id, Object value, String error) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put(RESPONSE_ID, id);
        o.set(RESPONSE, value == null ? NullNode.getInstance() : Json.toTree(value));
        if (error != null) {
            o.put(ERROR, error);
        }
        return o;
    }

    static boolean isRequest(JsonNode content) {
        return content != null && content.isObject() && truthy(content.get(REQUEST_ID));
    }

    static boolean isResponse(JsonNode content) {
        return content != null && content.isObject() && truthy(content.get(RESPONSE_ID));
    }

    /** Perl truth of a JSON value (see {@link Json#truthy}). */
    static boolean truthy(JsonNode v) {
        return Json.truthy(v);
    }

    /** A JSON scalar as Perl would stringify it (text as is, others as JSON). */
    static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return "";
        }
        return v.isValueNode() ? v.asText() : Json.encodeToString(v);
    }
}
