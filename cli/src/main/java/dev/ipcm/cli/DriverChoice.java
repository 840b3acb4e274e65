package dev.ipcm.cli;

import dev.ipcm.UnknownProtocolException;
import dev.ipcm.spi.Protocol;
import java.util.ArrayList;
import java.util.List;

/** Which of a driver's protocols {@code ipcm certify --driver} certifies: all, or those named (with or without the driver's prefix). */
final class DriverChoice {
    private DriverChoice() {}

    static List<Protocol> choose(List<Protocol> offered, List<String> names) {
        if (names == null) {
            return offered;
        }
        List<Protocol> out = new ArrayList<>();
        for (String name : names) {
            out.add(offered.stream().filter(p -> p.name().equals(name) || p.name().endsWith(":" + name)).findFirst()
                    .orElseThrow(() -> new UnknownProtocolException("The driver has no protocol '" + name
                            + "': it offers " + offered.stream().map(Protocol::name).toList())));
        }
        return out;
    }
}
