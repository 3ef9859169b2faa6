package dev.healthguard.cdk;

import dev.healthguard.image.ImageRef;
import dev.healthguard.image.RegistryFacts;
import dev.healthguard.image.RegistryReader;
import java.net.URI;

/** Reads ECR images with the AWS SDK; placeholder until the ECR client lands. */
final class EcrRegistryReader implements RegistryReader {

  EcrRegistryReader(URI endpoint) {}

  @Override
  public String digestOf(ImageRef.Ecr image) {
    throw new LookupFailed("ECR lookups are not available in this build", null);
  }

  @Override
  public RegistryFacts read(ImageRef.Ecr pinned, String platform) {
    throw new LookupFailed("ECR lookups are not available in this build", null);
  }
}
