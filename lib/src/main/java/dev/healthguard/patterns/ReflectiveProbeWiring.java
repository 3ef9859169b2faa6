package dev.healthguard.patterns;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.TaskDefinition;

/**
 * Calls {@code dev.healthguard.probe} by name, so that this package compiles before that one
 * exists. The API it expects: {@code ProbeImage.bundled()}, {@code ProbeImage.fromRegistry(String)},
 * {@code ProbeInjection.sharedVolume(TaskDefinition, ContainerDefinition, ProbeImage, List<String>)}
 * and {@code ProbeInjection.sidecar(…, HealthCheck timings)}, each returning a result with
 * {@code healthCheckCommand()} and {@code changes()}.
 *
 * <p>The API matches main's {@code ProbeInjection} as of fe84e59 ({@code InjectedProbe} result;
 * sidecar timings as the CDK {@code HealthCheck}). Once this branch is merged, a direct
 * implementation of {@link ProbeWiring} can replace this class: the same four calls, no
 * reflection.
 */
final class ReflectiveProbeWiring implements ProbeWiring {

  static final String PACKAGE = "dev.healthguard.probe";
  static final String MISSING_MESSAGE = "the probe package " + PACKAGE + " is not on the classpath, so no probe can be"
      + " injected";

  private final Class<?> imageType;
  private final Class<?> injectionType;

  private ReflectiveProbeWiring(Class<?> imageType, Class<?> injectionType) {
    this.imageType = imageType;
    this.injectionType = injectionType;
  }

  static ProbeWiring load() {
    try {
      ClassLoader loader = ReflectiveProbeWiring.class.getClassLoader();
      return new ReflectiveProbeWiring(Class.forName(PACKAGE + ".ProbeImage", false, loader),
          Class.forName(PACKAGE + ".ProbeInjection", false, loader));
    } catch (ClassNotFoundException | LinkageError e) {
      return MISSING;
    }
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public Wired sharedVolume(TaskDefinition task, ContainerDefinition app, String probeImage, List<String> probeArgs) {
    return wired(callStatic(method(injectionType, "sharedVolume", 4), task, app, image(probeImage), probeArgs));
  }

  @Override
  public Wired sidecar(TaskDefinition task, ContainerDefinition app, String probeImage, List<String> probeArgs,
      HealthCheck timings) {
    Method sidecar = method(injectionType, "sidecar", 5);
    Object timingArgument = timings;
    if (sidecar.getParameterTypes()[4] == dev.healthguard.task.HealthCheck.class) {
      // The probe package may take the guard's own model rather than the CDK struct.
      timingArgument = new dev.healthguard.task.HealthCheck(timings.getCommand(),
          seconds(timings.getInterval()), seconds(timings.getTimeout()),
          timings.getRetries() == null ? null : timings.getRetries().intValue(), seconds(timings.getStartPeriod()));
    }
    return wired(callStatic(sidecar, task, app, image(probeImage), probeArgs, timingArgument));
  }

  private Object image(String pinned) {
    return pinned == null
        ? callStatic(method(imageType, "bundled", 0))
        : callStatic(method(imageType, "fromRegistry", 1), pinned);
  }

  private static Integer seconds(software.amazon.awscdk.Duration duration) {
    return duration == null ? null : duration.toSeconds().intValue();
  }

  private static Wired wired(Object result) {
    List<String> command = strings(call(method(result.getClass(), "healthCheckCommand", 0), result));
    List<String> changes = strings(call(method(result.getClass(), "changes", 0), result));
    return new Wired(command, changes);
  }

  private static List<String> strings(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof List<?> list) {
      list.forEach(item -> out.add(String.valueOf(item)));
    }
    return out;
  }

  private static Method method(Class<?> type, String name, int arity) {
    for (Method m : type.getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == arity) {
        return m;
      }
    }
    throw new IllegalStateException(PACKAGE + ": " + type.getName() + " has no public " + name + " taking " + arity
        + " argument(s); " + GuardedFargateService.class.getSimpleName() + " expects the API named in "
        + ReflectiveProbeWiring.class.getName());
  }

  private static Object callStatic(Method method, Object... args) {
    return call(method, null, args);
  }

  private static Object call(Method method, Object target, Object... args) {
    try {
      if (!method.canAccess(target)) {
        method.setAccessible(true); // a public accessor of a result type that is not itself public
      }
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(PACKAGE + "." + method.getName() + " failed: " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(PACKAGE + "." + method.getName() + " is not accessible: " + e.getMessage(), e);
    }
  }
}
