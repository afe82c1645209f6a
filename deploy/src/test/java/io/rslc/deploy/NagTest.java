package io.rslc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions pack finds nothing it calls an error (every accepted finding is suppressed in
 * {@link Nag} with its reason), CDK itself warns about nothing unacknowledged, and docs/deploy.md lists every
 * suppression with the same reason.
 */
class NagTest {

    @Test
    void awsSolutionsFindsNoError() {
        Annotations annotations = Annotations.fromStack(Synth.get().stack);
        List<SynthesisMessage> errors = annotations.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));
        assertThat(errors).extracting(message -> message.getId() + " " + message.getEntry().getData()).isEmpty();
        List<SynthesisMessage> warnings = annotations.findWarning("*", Match.anyValue());
        assertThat(warnings).extracting(message -> message.getId() + " " + message.getEntry().getData()).isEmpty();
    }

    @Test
    void everySuppressionIsUsed() throws IOException {
        // cdk-nag's report (written next to the template) has a "Suppressed" row, with the reason, per use
        Path report = Synth.get().templateFile.resolveSibling("AwsSolutions-" + RslcStack.NAME + "-NagReport.csv");
        List<String> suppressed = Files.readAllLines(report).stream().filter(line -> line.contains(",\"Suppressed\",")).toList();
        for (Nag.Suppression suppression : Nag.ALL) {
            assertThat(suppressed).as("used: " + suppression.rule() + " " + suppression.reason())
                    .anyMatch(line -> line.startsWith("\"" + suppression.rule() + "\"") && line.contains(suppression.reason()));
        }
        System.out.printf("rslc deploy: cdk-nag AwsSolutions: %d finding(s) suppressed, by %d suppression(s)%n",
                suppressed.size(), Nag.ALL.size());
    }

    @Test
    void docsListEverySuppressionWithItsReason() throws IOException {
        Path docs = Path.of(System.getProperty("rslc.deploy.dir", "."), "..", "docs", "deploy.md");
        String text = Files.readString(docs).replaceAll("\\s+", " ");
        for (Nag.Suppression suppression : Nag.ALL) {
            assertThat(text).as("docs/deploy.md").contains(suppression.rule()).contains(suppression.reason());
        }
    }
}
