package io.rslc.api;

import java.util.List;
import java.util.Objects;

/**
 * The result of reading a configuration: the valid rules in run order, and every problem found. A bad row never
 * hides the good ones: it shows up in {@link #problems()} and is absent from {@link #rules()}.
 */
public record RuleSet(String source, List<Rule> rules, List<Problem> problems) {

    public RuleSet {
        Objects.requireNonNull(source, "source");
        rules = rules.stream().sorted(Rule.RUN_ORDER).toList();
        problems = List.copyOf(problems);
    }

    public List<Problem> errors() {
        return problems.stream().filter(Problem::isError).toList();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(Problem::isError);
    }

    /** Warnings that concern one table (matched by the rule's origin). */
    public List<Problem> warningsFor(Rule rule) {
        return problems.stream()
                .filter(p -> !p.isError() && rule.origin().equals(p.location().isEmpty() ? p.source()
                        : p.source() + " " + p.location()))
                .toList();
    }
}
