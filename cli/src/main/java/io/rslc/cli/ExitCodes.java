package io.rslc.cli;

/**
 * The exit code lines every command's {@code --help} shows, so that each command lists every code it can return:
 * 2 for usage errors and unreadable configurations and 3 for bugs come from {@code Main}'s handler whatever the
 * command, 130 from an interrupted run.
 */
final class ExitCodes {

    static final String USAGE = "2:usage error or unreadable configuration (missing, empty, not UTF-8, no header)";
    static final String INTERNAL = "3:internal error (a bug; run with RSLC_DEBUG=1 for the stack trace)";
    static final String INTERRUPTED = "130:interrupted (Ctrl-C, SIGTERM): the transaction in flight finished or "
            + "rolled back, no new one started; run again to continue (a second signal stops at once)";

    private ExitCodes() {
    }
}
