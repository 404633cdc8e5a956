package org.fieldledger.cli;

import java.io.Console;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Callable;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.LoginFailedException;
import org.fieldledger.client.User;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code field login SERVER_URL --user NAME}: the one step besides sync that needs the network. */
@Command(name = "login", description = {"Log in to a server: needed once, and again when the session expires.",
        "The password comes from --password-stdin, else $FIELD_PASSWORD, else a prompt."})
final class LoginCommand implements Callable<Integer> {
    private final Field field;

    @Parameters(index = "0", paramLabel = "SERVER_URL", description = "e.g. http://localhost:8080")
    String serverUrl;

    @Option(names = {"-u", "--user"}, required = true, paramLabel = "NAME", description = "your username")
    String username;

    @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
    boolean passwordFromStdin;

    LoginCommand(Field field) {
        this.field = field;
    }

    @Override
    public Integer call() throws IOException {
        String server = normalise(serverUrl);
        Home home = field.home();
        String known = home.server();
        if (known != null && !known.equals(server)) {
            throw new CliFailure(ExitCode.USAGE, "the device in " + home.dir() + " syncs with " + known
                    + "; a device belongs to one server, so use another --home for " + server);
        }
        String password = password();
        FieldDevice device = home.device(server);
        User user;
        try {
            user = device.login(username, password);
        } catch (IOException e) {
            throw new CliFailure(ExitCode.SERVER_UNREACHABLE, "cannot reach " + server + " (" + e.getMessage()
                    + "); check the address and that the server is running, then log in again");
        } catch (LoginFailedException e) {
            String why = "UNAUTHENTICATED".equals(e.code()) ? "wrong username or password" : e.getMessage();
            throw new CliFailure(ExitCode.LOGIN_REFUSED, "login refused: " + why + " (" + e.code() + ")");
        }
        home.saveServer(server);
        field.out.println("Logged in to " + server + " as " + user.username() + " (" + user.role()
                + (user.areas().isEmpty() ? "" : ", " + Text.areas(user.areas())) + "); device " + device.deviceId()
                + " in " + home.dir() + ".");
        field.out.println("Next: `field sync` fetches sites, checklists and assignments.");
        return ExitCode.OK;
    }

    private String password() throws IOException {
        if (passwordFromStdin) {
            String line = field.in.readLine();
            if (line == null || line.isEmpty()) {
                throw new CliFailure(ExitCode.USAGE, "--password-stdin: standard input had no password");
            }
            return line;
        }
        String fromEnv = field.env.get("FIELD_PASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        Console console = System.console();
        if (console == null) {
            throw new CliFailure(ExitCode.USAGE, "no password: give it with --password-stdin or FIELD_PASSWORD "
                    + "(there is no terminal to ask on)");
        }
        char[] typed = console.readPassword("Password for %s: ", username);
        if (typed == null || typed.length == 0) {
            throw new CliFailure(ExitCode.USAGE, "no password given");
        }
        return new String(typed);
    }

    private static String normalise(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCode.USAGE, "not a server address: " + url);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new CliFailure(ExitCode.USAGE, "not a server address: " + url + " (expected http://host:port)");
        }
        return trimmed;
    }
}
