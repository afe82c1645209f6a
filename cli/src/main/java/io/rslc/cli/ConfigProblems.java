package io.rslc.cli;

import io.rslc.api.Problem;
import java.io.PrintWriter;
import java.util.List;

/** Prints configuration problems one per line, as {@code rslc plan} does: {@code ERROR: file line 3, field: why}. */
final class ConfigProblems {

    private ConfigProblems() {
    }

    static void print(List<Problem> problems, PrintWriter out) {
        problems.stream().filter(Problem::isError).forEach(p -> out.println("ERROR: " + p));
        problems.stream().filter(p -> !p.isError()).forEach(p -> out.println("WARNING: " + p));
        out.flush();
    }

    static long errors(List<Problem> problems) {
        return problems.stream().filter(Problem::isError).count();
    }

    /** {@code 2 error(s), 1 warning(s)}. */
    static String counts(List<Problem> problems) {
        long errors = errors(problems);
        return errors + " error(s), " + (problems.size() - errors) + " warning(s)";
    }
}
