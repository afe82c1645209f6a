package io.rslc.testing;

import io.rslc.api.Rule;
import io.rslc.api.RuleSet;
import io.rslc.api.TableName;
import io.rslc.spi.RuleStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A rule store held in memory, with a real compare-and-set; for tests that need no file. */
public final class MemoryRuleStore implements RuleStore {

    private final Map<TableName, Rule> rules = new LinkedHashMap<>();

    public MemoryRuleStore(Rule... rules) {
        for (Rule r : rules) {
            this.rules.put(r.table(), r);
        }
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public synchronized RuleSet load() {
        return new RuleSet(name(), new ArrayList<>(rules.values()), List.of());
    }

    @Override
    public synchronized boolean compareAndSetCheckpoint(TableName table, LocalDate expected, LocalDate next) {
        Rule r = rules.get(table);
        if (r == null || !Objects.equals(r.checkpoint(), expected)) {
            return false;
        }
        rules.put(table, r.withCheckpoint(next));
        return true;
    }

    public synchronized LocalDate checkpoint(TableName table) {
        return rules.get(table).checkpoint();
    }

    public synchronized void put(Rule rule) {
        rules.put(rule.table(), rule);
    }
}
