package io.rslc.deploy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Renders a CloudFormation string value (a literal, {@code Fn::Join}, {@code Ref}, {@code Fn::GetAtt}) as
 * CloudFormation would in one fixed account, so the state machine's {@code DefinitionString} can be parsed as
 * the ASL the service receives. The runner's ARN becomes {@link #RUNNER_ARN}.
 */
final class CfnRender {

    static final String RUNNER_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:rslc-RunnerFunction";

    private CfnRender() {
    }

    static String render(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.has("Fn::Join")) {
            StringBuilder out = new StringBuilder();
            String separator = value.get("Fn::Join").get(0).asText();
            JsonNode parts = value.get("Fn::Join").get(1);
            for (int i = 0; i < parts.size(); i++) {
                out.append(i == 0 ? "" : separator).append(render(parts.get(i)));
            }
            return out.toString();
        }
        if (value.has("Ref")) {
            return switch (value.get("Ref").asText()) {
                case "AWS::Partition" -> "aws";
                case "AWS::Region" -> "eu-west-1";
                case "AWS::AccountId" -> "123456789012";
                default -> throw new AssertionError("unexpected Ref in a rendered value: " + value);
            };
        }
        if (value.has("Fn::GetAtt")) {
            String resource = value.get("Fn::GetAtt").get(0).asText();
            if (resource.startsWith("RunnerFunction") && value.get("Fn::GetAtt").get(1).asText().equals("Arn")) {
                return RUNNER_ARN;
            }
        }
        throw new AssertionError("cannot render " + value);
    }
}
