/**
 * Reads what a pushed image in Amazon ECR is, through the ECR API and the AWS SDK for Java v2
 * (ecr-oci.md §0, §1): no Docker registry protocol, no Docker daemon.
 *
 * <p>{@link dev.healthguard.ecr.EcrLookup} reads an image an {@link dev.healthguard.image.ImageName}
 * names: the manifest for a platform, its verified config, and its layers as verified streams.
 * {@link dev.healthguard.ecr.RegistryRouter} puts ECR and every other registry (the OCI
 * Distribution API of the {@code registry} package) behind one image source. Every manifest and
 * blob is checked against the sha256 digest that names it; presigned download URLs never appear in
 * messages.
 *
 * <p>One class per registry call, as in Jib's {@code registry} package: {@code BatchGetImageCall},
 * {@code GetDownloadUrlCall}; SDK failures become one-line messages in {@code SdkErrors};
 * everything not public is package-private.
 */
package dev.healthguard.ecr;
