package dev.healthguard.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.healthguard.command.CommandAnalyzer;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a command with values only known at deploy time reads (issue 10: it gave no finding at all). */
class TaskDefinitionReaderTest {

  private static List<String> commandOf(Object command) {
    Map<String, Object> container = Map.of("Name", "app", "Image", "alpine:3.20",
        "HealthCheck", Map.of("Command", command));
    return TaskDefinitionReader.read("Stack/Task", Map.of("ContainerDefinitions", List.of(container)), hash -> Optional.empty())
        .get(0).healthCheck().command();
  }

  @Test
  void anIntrinsicElementReadsAsATokenThatTheAnalysisDoesNotVerify() {
    Map<String, Object> joined = Map.of("Fn::Join", List.of("", List.of("curl -f http://localhost:", Map.of("Ref", "Port"))));

    List<String> command = commandOf(List.of("CMD-SHELL", joined));

    assertEquals(List.of("CMD-SHELL", "${Token[Fn::Join]}"), command);
    assertEquals("Element 1 of the command holds a value that is only known at deploy time (a CDK token: a parameter, "
        + "an import or another resource's attribute), so what the check runs is not known at synth.",
        CommandAnalyzer.analyze(command).notVerified());
  }

  @Test
  void aWholeCommandFromAnIntrinsicReadsAsOneToken() {
    List<String> command = commandOf(Map.of("Fn::Split", List.of(",", "CMD,true")));

    assertEquals(List.of("${Token[Fn::Split]}"), command);
    assertEquals(true, CommandAnalyzer.holdsToken(command));
  }

  @Test
  void literalElementsStayAsTheyAre() {
    assertEquals(List.of("CMD", "curl", "-f", "http://localhost/"), commandOf(List.of("CMD", "curl", "-f", "http://localhost/")));
  }
}
