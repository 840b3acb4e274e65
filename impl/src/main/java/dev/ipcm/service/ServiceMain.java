package dev.ipcm.service;

import dev.ipcm.os.Os;
import org.apiguardian.api.API;

/**
 * The entry point of a service JVM: builds the service from its JSON parameters, runs its
 * post-launch hook, runs the loop, disconnects, and exits with the loop's result (255 if it
 * threw). With {@code use_posix_exit} the JVM halts without disconnecting or running shutdown
 * hooks; with {@code run_returns_to_caller} a successful run returns from {@code main} (exit 0).
 * Not for direct use.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ServiceMain {
    private ServiceMain() {}

    /** {@code ServiceMain PARAMS-JSON}. */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ServiceMain PARAMS-JSON");
            System.exit(2);
        }
        AbstractService service;
        try {
            ServiceParams params = ServiceParams.parse(args[0]);
            service = ServiceClasses.build(params);
            service.postLaunchHook(new LaunchContext(params.json(), false));
            // Whichever process gets here runs the service, so its registration carries this pid.
            service.context().setPid(Os.get().pid());
        } catch (Throwable t) {
            t.printStackTrace();
            System.exit(255);
            return;
        }
        ServiceLoop.setProcessService(service.context());
        int code;
        boolean ok;
        try {
            code = service.run();
            ok = true;
        } catch (Throwable t) {
            service.context().debug("Service '" + service.name() + "' failed: " + t);
            t.printStackTrace();
            code = 255;
            ok = false;
        }
        if (service.settings().usePosixExit()) {
            Runtime.getRuntime().halt(code);
        }
        service.context().disconnect();
        if (ok && service.settings().runReturnsToCaller()) {
            return;
        }
        System.exit(code);
    }

}
