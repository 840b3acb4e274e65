package dev.ipcm.service;

import org.apiguardian.api.API;

/** Code run once when the response to a callback request arrives. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface ResponseCallback {
    /** Handles the response (its {@link Response#message()} is the message that carried it). */
    void onResponse(Response response) throws Exception;
}
