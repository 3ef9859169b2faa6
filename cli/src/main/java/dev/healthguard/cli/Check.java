package dev.healthguard.cli;

import dev.healthguard.image.ImageProfiler;
import dev.healthguard.rules.Finding;
import dev.healthguard.rules.Severity;
import dev.healthguard.rules.TargetChecker;
import dev.healthguard.task.Target;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads every input, then checks every container with the core's rules. */
final class Check {

  private final TargetChecker checker;
  private final DockerfileMap dockerfiles;
  private final String account;
  private final String region;

  Check(ImageProfiler profiler, DockerfileMap dockerfiles, String account, String region) {
    this.checker = new TargetChecker(profiler);
    this.dockerfiles = dockerfiles;
    this.account = account;
    this.region = region;
  }

  /** One input's findings, in container order. */
  record Checked(InputFile input, List<Finding> findings) {}

  /**
   * @param checked the inputs that could be read
   * @param problems why the others could not (each is exit 2)
   * @param imagesProfiled how many distinct images were profiled
   */
  record Result(List<Checked> checked, List<String> problems, int imagesProfiled) {

    boolean fails(Severity threshold) {
      return checked.stream().flatMap(c -> c.findings().stream())
          .anyMatch(f -> f.severity().compareTo(threshold) <= 0);
    }
  }

  Result run(List<String> arguments, InputStream stdin) {
    List<InputFile> inputs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String argument : arguments) {
      try {
        inputs.add(Inputs.read(argument, stdin));
      } catch (InputException e) {
        problems.add(e.getMessage());
      }
    }
    Set<String> containers = new HashSet<>();
    inputs.forEach(input -> input.targets().forEach(t -> containers.add(t.container())));
    List<String> mapping = dockerfiles.problems(containers);
    if (!mapping.isEmpty() && !inputs.isEmpty()) {
      mapping.forEach(p -> problems.add("--dockerfile: " + p));
      return new Result(List.of(), problems, 0);
    }
    List<Checked> checked = new ArrayList<>();
    for (InputFile input : inputs) {
      List<Finding> findings = new ArrayList<>(input.unknown());
      for (Target target : input.targets()) {
        findings.addAll(checker.check(dockerfiles.apply(CloudAssembly.withEnvironment(target, account, region))));
      }
      checked.add(new Checked(input, findings));
    }
    return new Result(checked, problems, checker.imagesProfiled());
  }
}
