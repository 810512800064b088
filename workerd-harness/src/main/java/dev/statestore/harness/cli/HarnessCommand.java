package dev.statestore.harness.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Command line of the harness: {@code demo}, {@code serve} and {@code keygen}. */
@Command(name = "statestore-harness", mixinStandardHelpOptions = true,
        description = "Local Cloudflare Workers KV emulator: worker.js in workerd with a simulated KV.",
        subcommands = {DemoCommand.class, ServeCommand.class, KeygenCommand.class})
public final class HarnessCommand implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new HarnessCommand()).execute(args));
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
