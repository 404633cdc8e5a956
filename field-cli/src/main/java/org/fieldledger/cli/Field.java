package org.fieldledger.cli;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * {@code field}: an inspector's device on the desktop (docs/field-cli.md). Every command but {@code login} and
 * {@code sync} works offline, on the device directory chosen by {@code --home} or {@code FIELD_HOME}.
 */
@Command(name = "field", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "field 0.1.0",
        description = "An inspector's offline field device on the desktop, built on client-core.",
        footer = {"", "Exit codes: 0 ok, 1 usage, 2 invalid answer, 3 server unreachable (work stays queued),",
                "4 login refused, 5 session expired (log in again; nothing is lost), 6 sync refused, 9 internal error."})
final class Field {
    private Path homeOption;

    final BufferedReader in;
    final Map<String, String> env;
    PrintWriter out;
    PrintWriter err;
    private Home home;

    Field(InputStream in, Map<String, String> env) {
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                System.getenv()));
    }

    /** Runs one command line; returns its {@link ExitCode}. The tests call this in-process. */
    static int run(String[] args, InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env) {
        Field field = new Field(in, env);
        CommandLine commandLine = commandLine(field);
        commandLine.setOut(out);
        commandLine.setErr(err);
        field.out = out;
        field.err = err;
        try {
            return commandLine.execute(args);
        } finally {
            field.closeHome();
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine(Field field) {
        CommandLine commandLine = new CommandLine(field);
        // Built by hand rather than annotated: an inherited annotated option is bound to each subcommand's own object,
        // which method subcommands do not have. This setter keeps one value for the whole run, before or after the
        // command name.
        commandLine.getCommandSpec().addOption(OptionSpec.builder("--home").paramLabel("DIR").type(Path.class)
                .scopeType(ScopeType.INHERIT)
                .description("the device directory (default: $FIELD_HOME, else ~/.field)")
                .setter(new CommandLine.Model.ISetter() {
                    @Override
                    public <T> T set(T value) {
                        field.homeOption = (Path) value;
                        return null;
                    }
                }).build());
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        commandLine.addSubcommand(new LoginCommand(field));
        commandLine.addSubcommand(new SyncCommand(field));
        commandLine.addSubcommand(new StatusCommand(field));
        for (Object listing : Listings.commands(field)) {
            commandLine.addSubcommand(listing);
        }
        commandLine.addSubcommand(new VisitCommand(field));
        commandLine.addSubcommand(new PhotoCommand(field));
        CommandLine.IParameterExceptionHandler usage = commandLine.getParameterExceptionHandler();
        commandLine.setParameterExceptionHandler((e, args) -> {
            usage.handleParseException(e, args);
            return ExitCode.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CliFailure failure) {
                cmd.getErr().println("field: " + failure.getMessage());
                return failure.exitCode();
            }
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
                // client-core's refusals of a request it cannot carry out (no such site, a visit already submitted)
                cmd.getErr().println("field: " + e.getMessage());
                return ExitCode.USAGE;
            }
            cmd.getErr().println("field: internal error: " + e);
            e.printStackTrace(cmd.getErr());
            return ExitCode.INTERNAL_ERROR;
        });
        return commandLine;
    }

    /** The device directory of this run. */
    Home home() {
        if (home == null) {
            home = new Home(homeDir());
        }
        return home;
    }

    private Path homeDir() {
        if (homeOption != null) {
            return homeOption;
        }
        String fromEnv = env.get("FIELD_HOME");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Paths.get(fromEnv);
        }
        return Paths.get(System.getProperty("user.home"), ".field");
    }

    private void closeHome() {
        if (home != null) {
            home.close();
        }
    }
}
