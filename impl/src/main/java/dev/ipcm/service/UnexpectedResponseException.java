package dev.ipcm.service;

import dev.ipcm.IpcmException;
import org.apiguardian.api.API;

/**
 * A response that the request book-keeping cannot place: its id was never requested (or was
 * already fetched), it is a second response for an unfetched id, or it was asked for with
 * {@code getResponse} although a callback was registered for it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class UnexpectedResponseException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public UnexpectedResponseException(String message) {
        super(message);
    }
}
