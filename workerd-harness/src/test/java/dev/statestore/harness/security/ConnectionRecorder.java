package dev.statestore.harness.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback port that accepts connections, counts them and closes them at once without a response. A provider
 * pointed at it shows whether it made any network call: the count goes up, and the call fails as a connection
 * error.
 */
final class ConnectionRecorder implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    ConnectionRecorder() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on a loopback port", e);
        }
        acceptor = new Thread(this::acceptUntilClosed, "connection-recorder-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Returns the URL of this port, as a workerUrl. */
    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    int acceptedConnections() {
        return accepted.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }

    private void acceptUntilClosed() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                socket.close();
            } catch (IOException e) {
                // The server socket was closed, which ends the loop.
            }
        }
    }
}
