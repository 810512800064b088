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

    /** Names the ports that another process has bound now, for error messages. */
    public String describeTaken() {
        java.util.List<String> taken = new java.util.ArrayList<>();
        int[] all = {workerA, workerB, control};
        String[] names = {"Worker port", "Worker port of data centre b", "control port"};
        for (int i = 0; i < all.length; i++) {
            if (all[i] != 0 && isTaken(all[i])) {
                taken.add(names[i] + " " + all[i]);
            }
        }
        return taken.isEmpty() ? "a port of " + workerA + ", " + control + " was in use" : String.join(" and ", taken)
                + " in use by another process";
    }

    private static boolean isTaken(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free loopback port", e);
        }
    }
}
