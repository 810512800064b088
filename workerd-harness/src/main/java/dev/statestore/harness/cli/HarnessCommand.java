package dev.statestore.harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Command line of the harness: {@code demo}, {@code serve} and {@code keygen}. */
@Command(name = "statestore-harness", mixinStandardHelpOptions = true,
        versionProvider = HarnessCommand.Version.class,
        description = "Local Cloudflare Workers KV emulator: worker.js in workerd with a simulated KV.",
        subcommands = {DemoCommand.class, ServeCommand.class, KeygenCommand.class})
public final class HarnessCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * Returns the command line with its error handling: a usage error or an invalid option value prints one
     * line and exits with 2, without a stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new HarnessCommand());
        commandLine.setExecutionExceptionHandler((error, failed, parseResult) -> {
            if (error instanceof IllegalArgumentException || error instanceof IllegalStateException
                    || error instanceof java.io.IOException || error instanceof java.io.UncheckedIOException) {
                failed.getErr().println("Error: " + error.getMessage());
                return 2;
            }
            throw error;
        });
        return commandLine;
    }

    /** Prints the project version and the pinned workerd version. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = HarnessCommand.class.getPackage().getImplementationVersion();
            return new String[] {"statestore-harness " + (version == null ? "(development build)" : version),
                    "workerd " + dev.statestore.harness.runtime.WorkerdBinary.PINNED_VERSION + " (pinned)"};
        }
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
