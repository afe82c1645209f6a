package io.rslc.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A small interpreter for the subset of the Amazon States Language (JSONPath flavour) the rslc state machine
 * uses, to test its definition as logic: Pass (Result, Parameters, ResultPath), Task (Parameters,
 * ResultSelector, ResultPath, Retry, Catch) against a scripted Lambda, Choice (BooleanEquals,
 * NumericEquals, NumericGreaterThanEquals, IsPresent, And/Or/Not), inline Map (ItemsPath, ItemSelector, ItemProcessor; items run
 * one after another), Wait (recorded, not slept), Succeed and Fail, and the intrinsics States.Array, States.ArrayContains, States.MathAdd.
 *
 * <p>Where the service fails an execution with {@code States.Runtime} (a path that does not exist, a Choice
 * variable of the wrong type), so does this, and, as in the service, neither Retry nor Catch sees it.
 */
final class Asl {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** An error a task raises (a Lambda error name such as {@code Lambda.ServiceException}). */
    static final class TaskError extends RuntimeException {
        final String error;

        TaskError(String error) {
            super(error, null, false, false);
            this.error = error;
        }
    }

    /** The end of an execution: a Fail state, or an error nothing caught. */
    static final class Failed extends RuntimeException {
        final String error;

        Failed(String error, String cause) {
            super(error + ": " + cause, null, false, false);
            this.error = error;
        }
    }

    /**
     * How an execution ended.
     *
     * @param path    the states entered, in order; states inside a Map are prefixed with the Map's name and
     *                {@code /}; a retried task appears once per attempt
     * @param error   null when the execution succeeded, else the Fail state's (or uncaught) error
     * @param output  the Succeed state's output (null when failed)
     */
    record Execution(List<String> path, String error, JsonNode output) {
        boolean succeeded() {
            return error == null;
        }
    }

    private final JsonNode definition;
    private final Function<JsonNode, JsonNode> lambda;
    private final List<String> path = new ArrayList<>();
    /** The seconds of every Wait state passed, in order (the interpreter does not sleep). */
    final List<Integer> waited = new ArrayList<>();

    /**
     * @param definition the state machine's ASL
     * @param lambda     the runner: takes the Payload, returns the report or throws {@link TaskError}
     */
    Asl(JsonNode definition, Function<JsonNode, JsonNode> lambda) {
        this.definition = definition;
        this.lambda = lambda;
    }

    Execution run(JsonNode input) {
        path.clear();
        try {
            JsonNode output = states(definition, input, NODES.objectNode(), "");
            return new Execution(List.copyOf(path), null, output);
        } catch (Failed failed) {
            return new Execution(List.copyOf(path), failed.error, null);
        }
    }

    private JsonNode states(JsonNode machine, JsonNode input, JsonNode context, String prefix) {
        String name = machine.get("StartAt").asText();
        JsonNode data = input;
        for (int steps = 0; steps < 100_000; steps++) {
            JsonNode state = machine.get("States").get(name);
            if (state == null) {
                throw new AssertionError("no state named '" + name + "'");
            }
            path.add(prefix + name);
            String next = state.path("Next").asText(null);
            switch (state.get("Type").asText()) {
                case "Pass" -> {
                    JsonNode result = state.has("Result") ? state.get("Result")
                            : state.has("Parameters") ? template(state.get("Parameters"), data, context) : data;
                    data = resultPath(data, result, state);
                }
                case "Task" -> {
                    try {
                        data = task(state, data, context);
                    } catch (TaskError error) {
                        JsonNode catcher = matching(state.path("Catch"), error.error);
                        if (catcher == null) {
                            throw new Failed(error.error, "uncaught task error");
                        }
                        ObjectNode errorOutput = NODES.objectNode().put("Error", error.error).put("Cause", error.getMessage());
                        data = resultPath(data, errorOutput, catcher);
                        next = catcher.get("Next").asText();
                    }
                }
                case "Choice" -> next = choose(state, data);
                case "Wait" -> waited.add(state.get("Seconds").asInt()); // no sleeping: the waits are recorded
                case "Map" -> data = map(state, data, prefix + name + "/");
                case "Succeed" -> {
                    return data;
                }
                case "Fail" -> throw new Failed(state.path("Error").asText(), state.path("Cause").asText());
                default -> throw new AssertionError("state type not interpreted: " + state.get("Type"));
            }
            if (state.path("End").asBoolean(false)) {
                return data;
            }
            if (next == null) {
                throw new AssertionError("state '" + name + "' has neither Next nor End");
            }
            name = next;
        }
        throw new AssertionError("more than 100,000 steps: an unbounded loop");
    }

    private JsonNode task(JsonNode state, JsonNode data, JsonNode context) {
        int[] attempts = new int[state.path("Retry").size()];
        String name = path.get(path.size() - 1);
        while (true) {
            try {
                JsonNode parameters = template(state.get("Parameters"), data, context);
                if (!state.get("Resource").asText().endsWith(":states:::lambda:invoke")) {
                    throw new AssertionError("only lambda:invoke tasks are interpreted: " + state.get("Resource"));
                }
                ObjectNode result = NODES.objectNode();
                result.set("Payload", lambda.apply(parameters.get("Payload")));
                result.put("StatusCode", 200);
                JsonNode selected = state.has("ResultSelector") ? template(state.get("ResultSelector"), result, context) : result;
                return resultPath(data, selected, state);
            } catch (TaskError error) {
                int retrier = matchingIndex(state.path("Retry"), error.error);
                if (retrier < 0 || attempts[retrier] >= state.get("Retry").get(retrier).path("MaxAttempts").asInt(3)) {
                    throw error;
                }
                attempts[retrier]++;
                path.add(name);
            }
        }
    }

    private JsonNode map(JsonNode state, JsonNode data, String prefix) {
        JsonNode items = path(state.path("ItemsPath").asText("$"), data, null);
        if (!items.isArray()) {
            throw new Failed("States.Runtime", "ItemsPath is not an array");
        }
        ArrayNode results = NODES.arrayNode();
        for (int i = 0; i < items.size(); i++) {
            ObjectNode context = NODES.objectNode();
            ObjectNode item = context.putObject("Map").putObject("Item");
            item.put("Index", i);
            item.set("Value", items.get(i));
            JsonNode itemInput = state.has("ItemSelector") ? template(state.get("ItemSelector"), data, context) : items.get(i);
            results.add(states(state.get("ItemProcessor"), itemInput, context, prefix));
        }
        return resultPath(data, results, state);
    }

    private String choose(JsonNode state, JsonNode data) {
        for (JsonNode rule : state.path("Choices")) {
            if (matches(rule, data)) {
                return rule.get("Next").asText();
            }
        }
        if (!state.has("Default")) {
            throw new Failed("States.NoChoiceMatched", "no choice matched");
        }
        return state.get("Default").asText();
    }

    private boolean matches(JsonNode rule, JsonNode data) {
        if (rule.has("And")) {
            for (JsonNode each : rule.get("And")) {
                if (!matches(each, data)) {
                    return false;
                }
            }
            return true;
        }
        if (rule.has("Or")) {
            for (JsonNode each : rule.get("Or")) {
                if (matches(each, data)) {
                    return true;
                }
            }
            return false;
        }
        if (rule.has("Not")) {
            return !matches(rule.get("Not"), data);
        }
        String variable = rule.get("Variable").asText();
        if (rule.has("IsPresent")) {
            return (find(variable, data, null) != null) == rule.get("IsPresent").asBoolean();
        }
        JsonNode value = path(variable, data, null);
        if (rule.has("BooleanEquals")) {
            if (!value.isBoolean()) {
                throw new Failed("States.Runtime", variable + " is not a boolean: " + value);
            }
            return value.asBoolean() == rule.get("BooleanEquals").asBoolean();
        }
        if (rule.has("NumericEquals")) {
            if (!value.isNumber()) {
                throw new Failed("States.Runtime", variable + " is not a number: " + value);
            }
            return value.asDouble() == rule.get("NumericEquals").asDouble();
        }
        if (rule.has("NumericGreaterThanEquals")) {
            if (!value.isNumber()) {
                throw new Failed("States.Runtime", variable + " is not a number: " + value);
            }
            return value.asDouble() >= rule.get("NumericGreaterThanEquals").asDouble();
        }
        if (rule.has("StringEquals")) {
            return value.isTextual() && value.asText().equals(rule.get("StringEquals").asText());
        }
        throw new AssertionError("choice rule not interpreted: " + rule);
    }

    /** Payload templates: fields ending in {@code .$} take a path or an intrinsic; others are copied. */
    private JsonNode template(JsonNode template, JsonNode data, JsonNode context) {
        if (!template.isObject()) {
            return template.deepCopy();
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : template.properties()) {
            if (field.getKey().endsWith(".$")) {
                String key = field.getKey().substring(0, field.getKey().length() - 2);
                out.set(key, expression(field.getValue().asText(), data, context));
            } else {
                out.set(field.getKey(), template(field.getValue(), data, context));
            }
        }
        return out;
    }

    private JsonNode expression(String expression, JsonNode data, JsonNode context) {
        if (!expression.startsWith("States.")) {
            return path(expression, data, context);
        }
        int open = expression.indexOf('(');
        String function = expression.substring(0, open);
        List<JsonNode> args = new ArrayList<>();
        for (String arg : splitArguments(expression.substring(open + 1, expression.lastIndexOf(')')))) {
            args.add(argument(arg.strip(), data, context));
        }
        switch (function) {
            case "States.Array": {
                ArrayNode array = NODES.arrayNode();
                args.forEach(array::add);
                return array;
            }
            case "States.ArrayContains": {
                for (JsonNode element : args.get(0)) {
                    if (element.equals(args.get(1))) {
                        return NODES.booleanNode(true);
                    }
                }
                return NODES.booleanNode(false);
            }
            case "States.MathAdd":
                return NODES.numberNode(args.get(0).asLong() + args.get(1).asLong());
            default:
                throw new AssertionError("intrinsic not interpreted: " + function);
        }
    }

    private JsonNode argument(String arg, JsonNode data, JsonNode context) {
        if (arg.startsWith("'")) {
            return NODES.textNode(arg.substring(1, arg.length() - 1));
        }
        if (arg.startsWith("$") || arg.startsWith("States.")) {
            return expression(arg, data, context);
        }
        return NODES.numberNode(Long.parseLong(arg));
    }

    private static List<String> splitArguments(String text) {
        List<String> args = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')') {
                depth--;
            } else if (!quoted && depth == 0 && c == ',') {
                args.add(text.substring(start, i));
                start = i + 1;
            }
        }
        if (!text.isBlank()) {
            args.add(text.substring(start));
        }
        return args;
    }

    /** A path's value; a path that does not exist fails the execution, as in the service. */
    private static JsonNode path(String path, JsonNode data, JsonNode context) {
        JsonNode found = find(path, data, context);
        if (found == null) {
            throw new Failed("States.Runtime", "the path '" + path + "' does not exist in " + data);
        }
        return found;
    }

    private static JsonNode find(String path, JsonNode data, JsonNode context) {
        JsonNode node = path.startsWith("$$") ? context : data;
        String rest = path.startsWith("$$") ? path.substring(2) : path.substring(1);
        for (String step : rest.split("\\.")) {
            if (step.isEmpty()) {
                continue;
            }
            String field = step.contains("[") ? step.substring(0, step.indexOf('[')) : step;
            node = node == null || !node.isObject() ? null : node.get(field);
            if (step.contains("[")) {
                int index = Integer.parseInt(step.substring(step.indexOf('[') + 1, step.indexOf(']')));
                node = node == null || !node.isArray() ? null : node.get(index);
            }
            if (node == null) {
                return null;
            }
        }
        return node;
    }

    private static JsonNode resultPath(JsonNode data, JsonNode result, JsonNode state) {
        if (!state.has("ResultPath")) {
            return result;
        }
        if (state.get("ResultPath").isNull()) {
            return data;
        }
        String path = state.get("ResultPath").asText();
        if (path.equals("$")) {
            return result;
        }
        if (!data.isObject()) {
            throw new Failed("States.Runtime", "ResultPath " + path + " on a non-object");
        }
        ObjectNode copy = data.deepCopy();
        ObjectNode node = copy;
        String[] steps = path.substring(2).split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            node = node.has(steps[i]) && node.get(steps[i]).isObject() ? (ObjectNode) node.get(steps[i]) : node.putObject(steps[i]);
        }
        node.set(steps[steps.length - 1], result);
        return copy;
    }

    private static JsonNode matching(JsonNode handlers, String error) {
        int index = matchingIndex(handlers, error);
        return index < 0 ? null : handlers.get(index);
    }

    /** The first Retry/Catch entry naming {@code error} or States.ALL (never States.Runtime, as in the service). */
    private static int matchingIndex(JsonNode handlers, String error) {
        for (int i = 0; i < handlers.size(); i++) {
            for (JsonNode name : handlers.get(i).path("ErrorEquals")) {
                if (name.asText().equals(error) || (name.asText().equals("States.ALL") && !error.equals("States.Runtime"))) {
                    return i;
                }
            }
        }
        return -1;
    }
}
