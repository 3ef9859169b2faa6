package dev.healthguard.cli;

import dev.healthguard.image.ImageRef;
import dev.healthguard.task.Target;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The local Dockerfiles the user maps to containers by name ({@code --dockerfile web=Dockerfile}):
 * such a container's image is judged by that build, as the library judges
 * {@code ContainerImage.fromAsset}, whatever its image URI says. The build context is the
 * Dockerfile's directory.
 *
 * @param dockerfiles container name to Dockerfile
 * @param targets container name to build target
 * @param buildArgs {@code container:NAME} or {@code NAME} (every mapped container) to value
 */
record DockerfileMap(Map<String, Path> dockerfiles, Map<String, String> targets, Map<String, String> buildArgs) {

  DockerfileMap {
    dockerfiles = Map.copyOf(dockerfiles);
    targets = Map.copyOf(targets);
    buildArgs = Map.copyOf(buildArgs);
  }

  Target apply(Target target) {
    Path dockerfile = dockerfiles.get(target.container());
    if (dockerfile == null) {
      return target;
    }
    Path absolute = dockerfile.toAbsolutePath().normalize();
    return target.withImage(new ImageRef.Asset(absolute.getParent(), absolute.getFileName().toString(),
        targets.get(target.container()), argsOf(target.container()), true, null));
  }

  private Map<String, String> argsOf(String container) {
    Map<String, String> args = new HashMap<>();
    buildArgs.forEach((key, value) -> {
      if (!key.contains(":")) {
        args.put(key, value);
      }
    });
    String prefix = container + ":";
    buildArgs.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        args.put(key.substring(prefix.length()), value);
      }
    });
    return args;
  }

  /** Problems with the mapping: a container no input has, a target or build arg for an unmapped container. */
  List<String> problems(Set<String> containers) {
    Set<String> named = new TreeSet<>(dockerfiles.keySet());
    named.addAll(targets.keySet());
    buildArgs.keySet().stream().filter(k -> k.contains(":")).map(k -> k.substring(0, k.indexOf(':'))).forEach(named::add);
    Map<String, String> problems = new LinkedHashMap<>();
    for (String name : named) {
      if (!containers.contains(name)) {
        problems.put(name, "no container named '" + name + "' in the inputs (they have " + new TreeSet<>(containers) + ")");
      } else if (!dockerfiles.containsKey(name)) {
        problems.put(name, "a build target or arg for '" + name + "', which has no --dockerfile");
      }
    }
    return List.copyOf(problems.values());
  }
}
