package dev.ipcm.service;

import dev.ipcm.IpcmException;
import org.apiguardian.api.API;

/**
 * A service, handle, peer or launch was configured wrongly: a required setting is missing, a
 * callback is null, a class cannot be loaded or does not fit, or the call is made in the wrong
 * place. The message names the setting and the offending value.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ServiceConfigException extends IpcmException {
    private static final long serialVersionUID = 1L;

    public ServiceConfigException(String message) {
        super(message);
    }

    public ServiceConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
