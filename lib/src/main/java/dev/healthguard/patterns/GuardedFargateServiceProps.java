package dev.healthguard.patterns;

import dev.healthguard.fix.ProbeMode;
import dev.healthguard.image.ImageName;
import dev.healthguard.text.Excerpt;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ecs.ICluster;

/**
 * Properties of a {@link GuardedFargateService}. Build with {@link #builder()}; {@code build()}
 * checks every value and names the field, the bound and the value when one is out of range.
 */
public final class GuardedFargateServiceProps {

  // Fargate task CPU units (ECS developer guide, "Task CPU and memory"); the memory that goes with
  // each is checked by the CDK's FargateTaskDefinition.
  static final Set<Integer> FARGATE_CPU = new TreeSet<>(Set.of(256, 512, 1024, 2048, 4096, 8192, 16384));

  private final GuardedImage image;
  private final HealthEndpoint healthEndpoint;
  private final Integer containerPort;
  private final ICluster cluster;
  private final IVpc vpc;
  private final int cpu;
  private final int memoryLimitMiB;
  private final int desiredCount;
  private final boolean publicLoadBalancer;
  private final ProbeMode probeMode;
  private final String probeImage;
  private final Duration healthCheckInterval;
  private final Duration healthCheckTimeout;
  private final int healthCheckRetries;
  private final Duration startPeriod;

  private GuardedFargateServiceProps(Builder b) {
    image = b.image;
    healthEndpoint = b.healthEndpoint;
    containerPort = b.containerPort;
    cluster = b.cluster;
    vpc = b.vpc;
    cpu = b.cpu;
    memoryLimitMiB = b.memoryLimitMiB;
    desiredCount = b.desiredCount;
    publicLoadBalancer = b.publicLoadBalancer;
    probeMode = b.probeMode;
    probeImage = b.probeImage;
    healthCheckInterval = b.healthCheckInterval;
    healthCheckTimeout = b.healthCheckTimeout;
    healthCheckRetries = b.healthCheckRetries;
    startPeriod = b.startPeriod;
  }

  public static Builder builder() {
    return new Builder();
  }

  public GuardedImage getImage() {
    return image;
  }

  public HealthEndpoint getHealthEndpoint() {
    return healthEndpoint;
  }

  /** The port traffic goes to; the health endpoint's port unless set. */
  public int getContainerPort() {
    return containerPort != null ? containerPort : healthEndpoint.getPort();
  }

  public ICluster getCluster() {
    return cluster;
  }

  public IVpc getVpc() {
    return vpc;
  }

  public int getCpu() {
    return cpu;
  }

  public int getMemoryLimitMiB() {
    return memoryLimitMiB;
  }

  public int getDesiredCount() {
    return desiredCount;
  }

  public boolean getPublicLoadBalancer() {
    return publicLoadBalancer;
  }

  public ProbeMode getProbeMode() {
    return probeMode;
  }

  /** A probe image pinned by digest, or null for the bundled probe. */
  public String getProbeImage() {
    return probeImage;
  }

  public Duration getHealthCheckInterval() {
    return healthCheckInterval;
  }

  public Duration getHealthCheckTimeout() {
    return healthCheckTimeout;
  }

  public int getHealthCheckRetries() {
    return healthCheckRetries;
  }

  public Duration getStartPeriod() {
    return startPeriod;
  }

  /** A builder for {@link GuardedFargateServiceProps}. */
  public static final class Builder {
    private GuardedImage image;
    private HealthEndpoint healthEndpoint;
    private Integer containerPort;
    private ICluster cluster;
    private IVpc vpc;
    private int cpu = 256;
    private int memoryLimitMiB = 512;
    private int desiredCount = 1;
    private boolean publicLoadBalancer = true;
    private ProbeMode probeMode = ProbeMode.SHARED_VOLUME;
    private String probeImage;
    private Duration healthCheckInterval = Duration.seconds(30);
    private Duration healthCheckTimeout = Duration.seconds(5);
    private int healthCheckRetries = 3;
    private Duration startPeriod = Duration.seconds(0);

    Builder() {}

    /** The app's image, with where it comes from. Required. */
    public Builder image(GuardedImage image) {
      this.image = image;
      return this;
    }

    /** Where the app's health lives. Required. */
    public Builder healthEndpoint(HealthEndpoint healthEndpoint) {
      this.healthEndpoint = healthEndpoint;
      return this;
    }

    /**
     * The container port the load balancer sends traffic to, when the health endpoint is on
     * another port (a management port).
     *
     * @default - the health endpoint's port
     */
    public Builder containerPort(Integer containerPort) {
      this.containerPort = containerPort;
      return this;
    }

    /**
     * The cluster to run in. Give either a cluster or a VPC, not both.
     *
     * @default - a new cluster, in {@code vpc} or in a new VPC
     */
    public Builder cluster(ICluster cluster) {
      this.cluster = cluster;
      return this;
    }

    /**
     * The VPC for a new cluster. Give either a cluster or a VPC, not both.
     *
     * @default - a new VPC
     */
    public Builder vpc(IVpc vpc) {
      this.vpc = vpc;
      return this;
    }

    /**
     * Task CPU units: 256, 512, 1024, 2048, 4096, 8192 or 16384.
     *
     * @default 256
     */
    public Builder cpu(int cpu) {
      this.cpu = cpu;
      return this;
    }

    /**
     * Task memory in MiB; must suit {@code cpu} (the CDK checks the pair).
     *
     * @default 512
     */
    public Builder memoryLimitMiB(int memoryLimitMiB) {
      this.memoryLimitMiB = memoryLimitMiB;
      return this;
    }

    /**
     * How many tasks to run.
     *
     * @default 1
     */
    public Builder desiredCount(int desiredCount) {
      this.desiredCount = desiredCount;
      return this;
    }

    /**
     * Whether the load balancer faces the internet.
     *
     * @default true
     */
    public Builder publicLoadBalancer(boolean publicLoadBalancer) {
      this.publicLoadBalancer = publicLoadBalancer;
      return this;
    }

    /**
     * How the probe runs when the image has no tool for the check.
     *
     * @default ProbeMode.SHARED_VOLUME
     */
    public Builder probeMode(ProbeMode probeMode) {
      this.probeMode = probeMode;
      return this;
    }

    /**
     * The probe image, pinned by digest ({@code registry/name@sha256:…}).
     *
     * @default - the probe bundled with HealthGuard
     */
    public Builder probeImage(String probeImage) {
      this.probeImage = probeImage;
      return this;
    }

    /**
     * Time between container checks; 5 to 300 seconds (ECS HealthCheck).
     *
     * @default Duration.seconds(30)
     */
    public Builder healthCheckInterval(Duration healthCheckInterval) {
      this.healthCheckInterval = healthCheckInterval;
      return this;
    }

    /**
     * How long one container check may take; 2 to 60 seconds and at most the interval (ECS
     * HealthCheck; the CDK accepts up to 120, the API documents 60).
     *
     * @default Duration.seconds(5)
     */
    public Builder healthCheckTimeout(Duration healthCheckTimeout) {
      this.healthCheckTimeout = healthCheckTimeout;
      return this;
    }

    /**
     * Failed checks in a row before the container is unhealthy; 1 to 10 (ECS HealthCheck).
     *
     * @default 3
     */
    public Builder healthCheckRetries(int healthCheckRetries) {
      this.healthCheckRetries = healthCheckRetries;
      return this;
    }

    /**
     * Time the app has to start before failed checks count; 0 to 300 seconds (ECS HealthCheck).
     *
     * @default Duration.seconds(0)
     */
    public Builder startPeriod(Duration startPeriod) {
      this.startPeriod = startPeriod;
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the field, the bound and the value
     * @throws NullPointerException when {@code image} or {@code healthEndpoint} is missing
     */
    public GuardedFargateServiceProps build() {
      Objects.requireNonNull(image, "GuardedFargateServiceProps image is required");
      Objects.requireNonNull(healthEndpoint, "GuardedFargateServiceProps healthEndpoint is required");
      Objects.requireNonNull(probeMode, "GuardedFargateServiceProps probeMode must not be null");
      if (containerPort != null) {
        range("containerPort", containerPort, 1, 65535, "");
      }
      if (!FARGATE_CPU.contains(cpu)) {
        throw new IllegalArgumentException("GuardedFargateServiceProps cpu must be one of " + FARGATE_CPU + ", got: " + cpu);
      }
      range("memoryLimitMiB", memoryLimitMiB, 512, 122880, " MiB");
      range("desiredCount", desiredCount, 0, Integer.MAX_VALUE, "");
      int interval = seconds("healthCheckInterval", healthCheckInterval);
      int timeout = seconds("healthCheckTimeout", healthCheckTimeout);
      range("healthCheckInterval", interval, 5, 300, " seconds");
      range("healthCheckTimeout", timeout, 2, 60, " seconds");
      if (timeout > interval) {
        throw new IllegalArgumentException("GuardedFargateServiceProps healthCheckTimeout must not exceed healthCheckInterval ("
            + interval + " seconds), got: " + timeout + " seconds");
      }
      range("healthCheckRetries", healthCheckRetries, 1, 10, "");
      range("startPeriod", seconds("startPeriod", startPeriod), 0, 300, " seconds");
      if (probeImage != null) {
        ImageName name;
        try {
          name = ImageName.parse(probeImage);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("GuardedFargateServiceProps probeImage " + e.getMessage(), e);
        }
        if (name.digest() == null) {
          throw new IllegalArgumentException("GuardedFargateServiceProps probeImage must be pinned by digest"
              + " (name@sha256:<64 hex digits>), got: '" + Excerpt.escape(probeImage) + "'");
        }
      }
      return new GuardedFargateServiceProps(this);
    }

    private static int seconds(String field, Duration duration) {
      Objects.requireNonNull(duration, "GuardedFargateServiceProps " + field + " must not be null");
      return duration.toSeconds().intValue();
    }

    private static void range(String field, int value, int min, int max, String unit) {
      if (value < min || value > max) {
        String bound = max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max;
        throw new IllegalArgumentException("GuardedFargateServiceProps " + field + " must be " + bound + unit
            + ", got: " + value);
      }
    }
  }
}
