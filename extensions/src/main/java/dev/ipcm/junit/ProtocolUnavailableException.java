package dev.ipcm.junit;

import dev.ipcm.IpcmException;
import org.apiguardian.api.API;

/**
 * A protocol listed in {@value IpcmConfiguration#PROTOCOLS_REQUIRED} cannot run here. Its tests
 * fail with this instead of being skipped; the message names what is missing and the setting
 * that would provide it.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class ProtocolUnavailableException extends IpcmException {
    private static final long serialVersionUID = 1L;

    /** An exception with the full explanation. */
    public ProtocolUnavailableException(String message) {
        super(message);
    }
}
