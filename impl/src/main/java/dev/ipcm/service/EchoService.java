package dev.ipcm.service;

import org.apiguardian.api.API;

/**
 * The smallest service: answers every request with {@code "echo: "} followed by the request
 * (a string as is, anything else as compact JSON). General messages are ignored; anything else
 * unexpected (a stray response, unhandled activity) ends it with an error, as the base class
 * does.
 *
 * <p>Run it in this thread with {@link #run(String, String)}, in a child JVM with
 * {@code Services.start(ServiceOptions.named(name).serviceClass(EchoService.class))}, or as a
 * program: {@code java dev.ipcm.service.EchoService INFO NAME}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class EchoService extends AbstractService {
    /** An Echo service from parameters ({@code name} and {@code ipcm_info} required). */
    public EchoService(ServiceParams params) {
        super(params);
    }

    /** An Echo service named {@code name} on the store {@code info} describes. */
    public EchoService(String name, String info) {
        super(name, info);
    }

    @Override
    protected Object handleRequest(Request request) {
        return "echo: " + request.text();
    }

    /**
     * Runs an Echo service on the calling thread until it is terminated (a terminate message,
     * such as the store's shutdown), then disconnects it.
     *
     * @return the exit code (0 unless terminated with another value)
     */
    public static int run(String info, String name) {
        EchoService echo = new EchoService(name, info);
        try {
            return echo.run();
        } finally {
            echo.context().disconnect();
        }
    }

    /**
     * {@code EchoService INFO NAME}, or with no arguments the {@code IPCM_INFO} and
     * {@code IPCM_SERVICE_NAME} environment variables (as a service program gets them): runs until
     * terminated; exits 0, or 255 on an error, 2 on bad arguments.
     */
    public static void main(String[] args) {
        String info = args.length == 2 ? args[0] : args.length == 0 ? System.getenv("IPCM_INFO") : null;
        String name = args.length == 2 ? args[1] : args.length == 0 ? System.getenv("IPCM_SERVICE_NAME") : null;
        if (info == null || name == null) {
            System.err.println("usage: EchoService INFO NAME (or set IPCM_INFO and IPCM_SERVICE_NAME)");
            System.exit(2);
        }
        int code;
        try {
            code = run(info, name);
        } catch (RuntimeException e) {
            e.printStackTrace();
            code = 255;
        }
        System.exit(code);
    }
}
