package dev.healthguard.report;

/**
 * Where a finding sits in the synthesized app, for reports: the construct and the template
 * resource it became.
 *
 * @param constructPath e.g. {@code NewappStack/Task/api} (the container), or the task definition's
 *     path when the container has no construct of its own
 * @param templateFile the template's path, e.g. {@code cdk.out/NewappStack.template.json}, or null
 *     when it is not known yet (an aspect runs before the template is written)
 * @param logicalId the resource's logical id in the template, e.g. {@code Task79114B6B}, or null
 * @param containerIndex the container's index in {@code ContainerDefinitions}, or null when the
 *     finding is about the resource as a whole
 */
public record ResourceLocation(String constructPath, String templateFile, String logicalId, Integer containerIndex) {

  /** A path into the resource, {@code Properties/ContainerDefinitions/0}, or null. */
  public String propertyPath() {
    return containerIndex == null ? null : "Properties/ContainerDefinitions/" + containerIndex;
  }

  /** The same place with the template it was written to. */
  public ResourceLocation inTemplate(String file) {
    return new ResourceLocation(constructPath, file, logicalId, containerIndex);
  }
}
