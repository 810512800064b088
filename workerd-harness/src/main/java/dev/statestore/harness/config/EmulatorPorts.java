package dev.statestore.harness.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/**
 * Ports of one emulator: the Worker in data centre a, the Worker in data centre b (0 when there is none) and
 * the control API.
 */
public record EmulatorPorts(int workerA, int workerB, int control) {

    /** Picks free loopback ports. Another process may take one before workerd binds it; start-up then fails. */
    public static EmulatorPorts allocate(boolean secondDataCentre) {
        return new EmulatorPorts(freePort(), secondDataCentre ? freePort() : 0, freePort());
    }

    /** Returns the URL of the Worker of data centre {@code a} or {@code b}. */
    public URI workerUrl(EmulatorSettings settings, String dataCentre) {
        int port = switch (dataCentre) {
            case "a" -> workerA;
            case "b" -> {
                if (!settings.secondDataCentre()) {
                    throw new IllegalStateException("Data centre b is not enabled: call withSecondDataCentre.");
                }
                yield workerB;
            }
            default -> throw new IllegalArgumentException("Unknown data centre '" + dataCentre + "': use a or b.");
        };
        return URI.create((settings.tls() ? "https" : "http") + "://" + settings.host() + ":" + port);
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free loopback port", e);
        }
    }
}
