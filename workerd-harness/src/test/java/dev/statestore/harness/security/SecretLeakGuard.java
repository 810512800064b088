package dev.statestore.harness.security;

import dev.statestore.workerskv.metadata.PrivateKeys;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Checks that no secret leaves a test class through logs, exception messages or {@code toString()}.
 *
 * <p>While active it copies everything written to {@code System.out} and {@code System.err} (where slf4j-simple
 * logs) into a buffer and still passes it on. Tests register the secrets they use (private keys, API tokens,
 * bearer tokens) and hand over the exceptions and objects whose text they want checked. At the end the guard
 * fails when any registered secret, or anything shaped like a signed JWT, appears in that text. Failure messages
 * name the secret and the place, never the secret itself. While active it also sets the project's loggers
 * ({@code dev.statestore.*}) to debug, so that debug logs are checked as well.
 *
 * <p>Register it with {@code @RegisterExtension static final SecretLeakGuard LEAKS = new SecretLeakGuard();}, or
 * call {@link #start()} and {@link #finish()} where JUnit extensions do not apply (jqwik containers).
 */
public final class SecretLeakGuard implements BeforeAllCallback, AfterAllCallback {
    /**
     * A compact JWS: three base64url segments, the first two JSON objects ({@code eyJ} is base64 of {@code {"}).
     * An Ed25519 signature is 86 characters.
     */
    private static final Pattern SIGNED_JWT = Pattern.compile(
            "eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{40,}");
    private static final String CANARY = "SecretLeakGuard capture check";

    private static final String PROJECT_LOGGERS = "dev.statestore";
    private static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.log." + PROJECT_LOGGERS;

    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<String> inspectedTexts = new ArrayList<>();
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;
    private boolean debugCaptured;
    private final Map<Object, Integer> loweredLevels = new HashMap<>();
    private boolean levelPropertySet;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        finish();
    }

    /** Starts copying standard output and standard error. */
    public synchronized void start() {
        if (originalErr != null) {
            throw new IllegalStateException("The leak guard is already capturing.");
        }
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(new Tee(originalOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(originalErr), true, StandardCharsets.UTF_8));
        LoggerFactory.getLogger(SecretLeakGuard.class).info(CANARY);
        // Debug output of the provider and the harness is where a careless retry or request log would put a
        // token. slf4j-simple reads the property when it creates a logger, so loggers created while the guard
        // runs log at debug, and stay so afterwards. Loggers that exist already are lowered here and restored.
        if (System.getProperty(LEVEL_PROPERTY) == null) {
            System.setProperty(LEVEL_PROPERTY, "debug");
            levelPropertySet = true;
        }
        lowerProjectLoggersToDebug();
        debugCaptured = LoggerFactory.getLogger("dev.statestore.workerskv.http.WorkerClient").isDebugEnabled();
    }

    /** Stops capturing and fails when a secret leaked. */
    public synchronized void finish() {
        if (originalErr == null) {
            return;
        }
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
        originalOut = null;
        originalErr = null;
        restoreLoggerLevels();
        if (levelPropertySet) {
            System.clearProperty(LEVEL_PROPERTY);
            levelPropertySet = false;
        }

        String output = capturedOutput();
        if (!output.contains(CANARY)) {
            throw new AssertionError("The leak guard captured no slf4j output, so it cannot vouch for the logs: "
                    + "slf4j-simple no longer writes to System.err.");
        }
        List<String> leaks = new ArrayList<>(findLeaks("standard output and error", output));
        for (String text : inspectedTexts) {
            leaks.addAll(findLeaks("an inspected exception or toString()", text));
        }
        if (!leaks.isEmpty()) {
            throw new AssertionError("Secrets leaked:\n  - " + String.join("\n  - ", leaks));
        }
        originalErrOrSystem().println("SecretLeakGuard: " + secrets.size() + " secrets and any JWT checked against "
                + output.length() + " characters of output and " + inspectedTexts.size()
                + " inspected texts; provider debug logging " + (debugCaptured ? "on" : "off"));
    }

    /** Registers a secret by a name used in failure messages. */
    public synchronized void addSecret(String name, String secret) {
        if (secret != null && secret.length() >= 8) {
            secrets.put(secret, name);
        }
    }

    /**
     * Registers a PEM private key: its base64 body, the part of the body that encodes only the 32-byte Ed25519
     * seed, and the seed in hex and base64. PKCS#8 puts the seed at byte 16, after a prefix that every Ed25519
     * key shares, and BouncyCastle may append the public key after it. Keys of other types register the body.
     */
    public synchronized void addPrivateKey(String name, String pem) {
        String body = pem.replace("\\n", "\n").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s+", "");
        addSecret(name + " (PEM body)", body);
        if (body.length() >= 64) {
            addSecret(name + " (PEM body part that encodes the seed)", body.substring(24, 64));
        }
        byte[] seed;
        try {
            seed = PrivateKeys.parse(pem).getEncoded();
        } catch (IllegalArgumentException notEd25519) {
            return;
        }
        addSecret(name + " (seed, hex)", HexFormat.of().formatHex(seed));
        addSecret(name + " (seed, base64)", Base64.getEncoder().withoutPadding().encodeToString(seed));
        addSecret(name + " (seed, base64url)", Base64.getUrlEncoder().withoutPadding().encodeToString(seed));
    }

    /** Adds the message, {@code toString()} and stack trace of an exception and its causes to the checked text. */
    public synchronized void inspect(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        inspectedTexts.add(String.valueOf(error.getMessage()));
        inspectedTexts.add(trace.toString());
    }

    /** Adds an object's {@code toString()} to the checked text. */
    public synchronized void inspect(Object value) {
        inspectedTexts.add(String.valueOf(value));
    }

    /** Returns what was captured so far. */
    public synchronized String capturedOutput() {
        return captured.toString(StandardCharsets.UTF_8);
    }

    /** Returns a description of every leak in {@code text}, naming each secret but never showing it. */
    synchronized List<String> findLeaks(String place, String text) {
        List<String> leaks = new ArrayList<>();
        secrets.forEach((secret, name) -> {
            if (text.contains(secret)) {
                leaks.add(name + " appears in " + place);
            }
        });
        Matcher jwt = SIGNED_JWT.matcher(text);
        if (jwt.find()) {
            int line = (int) text.substring(0, jwt.start()).chars().filter(c -> c == '\n').count() + 1;
            leaks.add("a signed JWT (bearer token) appears in " + place + " on line " + line);
        }
        return leaks;
    }

    /**
     * Sets every existing project logger of slf4j-simple to debug, remembering its level. slf4j-simple has no API
     * for this, so it uses reflection on its fields. When they are missing, levels stay as they are, and finish()
     * reports that debug logging was off.
     */
    private void lowerProjectLoggersToDebug() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        try {
            Field loggerMap = factory.getClass().getDeclaredField("loggerMap");
            loggerMap.setAccessible(true);
            Class<?> simpleLogger = Class.forName("org.slf4j.simple.SimpleLogger");
            Field level = simpleLogger.getDeclaredField("currentLogLevel");
            level.setAccessible(true);
            Field debugLevel = simpleLogger.getDeclaredField("LOG_LEVEL_DEBUG");
            debugLevel.setAccessible(true);
            int debug = debugLevel.getInt(null);
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) loggerMap.get(factory)).entrySet()) {
                Object logger = entry.getValue();
                if (entry.getKey().toString().startsWith(PROJECT_LOGGERS) && level.getInt(logger) > debug) {
                    loweredLevels.put(logger, level.getInt(logger));
                    level.setInt(logger, debug);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            originalErr.println("SecretLeakGuard cannot set slf4j-simple loggers to debug: " + e);
        }
    }

    private void restoreLoggerLevels() {
        try {
            Field level = Class.forName("org.slf4j.simple.SimpleLogger").getDeclaredField("currentLogLevel");
            level.setAccessible(true);
            for (Map.Entry<Object, Integer> entry : loweredLevels.entrySet()) {
                level.setInt(entry.getKey(), entry.getValue());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            System.err.println("SecretLeakGuard cannot restore slf4j-simple logger levels: " + e);
        }
        loweredLevels.clear();
    }

    private PrintStream originalErrOrSystem() {
        return originalErr != null ? originalErr : System.err;
    }

    /** Writes to the original stream and to the capture buffer. */
    private final class Tee extends OutputStream {
        private final PrintStream target;

        Tee(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            target.write(b);
            synchronized (SecretLeakGuard.this) {
                captured.write(b);
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            target.write(bytes, offset, length);
            synchronized (SecretLeakGuard.this) {
                captured.write(bytes, offset, length);
            }
        }

        @Override
        public void flush() {
            target.flush();
        }
    }
}
