package org.fieldledger.cli;

/**
 * The exit status of every {@code field} command, documented in docs/field-cli.md. Scripts branch on them, so a number
 * keeps its meaning for good.
 */
final class ExitCode {
    static final int OK = 0;
    /** A command line that cannot be run: unknown command or option, unknown id, no device set up yet. */
    static final int USAGE = 1;
    /** An answer (or a whole visit at submit) the checklist does not accept; nothing was saved. */
    static final int INVALID_ANSWER = 2;
    /** The server could not be reached or failed; the work stays queued for the next sync. */
    static final int SERVER_UNREACHABLE = 3;
    /** The server refused the login: wrong username or password, a disabled account, another user's device. */
    static final int LOGIN_REFUSED = 4;
    /** The session has expired: log in again. Nothing recorded is lost. */
    static final int SESSION_EXPIRED = 5;
    /** The server refused a sync request as a whole (a bug to report); everything stays queued. */
    static final int SYNC_REFUSED = 6;
    /** Anything else: a bug in field itself. */
    static final int INTERNAL_ERROR = 9;

    private ExitCode() {
    }
}
