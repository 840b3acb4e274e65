package dev.ipcm;

import org.apiguardian.api.API;

/** The expected, non-exceptional results of a non-blocking send. */
@API(status = API.Status.STABLE, since = "0.1")
public enum SendOutcome {
    /** The whole message was handed to the transport. */
    DELIVERED,
    /** The transport pushed back; the message is queued for that peer and goes out on a later drain. */
    QUEUED
}
