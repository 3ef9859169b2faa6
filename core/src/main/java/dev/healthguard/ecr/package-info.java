/**
 * Reads what a pushed image in Amazon ECR is, through the ECR API and the AWS SDK for Java v2
 * (ecr-oci.md §0, §1): no Docker registry protocol, no Docker daemon.
 *
 * <p>{@link dev.healthguard.ecr.EcrLookup} resolves an {@link dev.healthguard.image.ImageName}
 * for a {@link dev.healthguard.ecr.Platform} into a {@link dev.healthguard.ecr.LookupResult}: the
 * {@link dev.healthguard.ecr.RemoteImage} (manifest, parsed {@link dev.healthguard.ecr.ImageConfig},
 * {@link dev.healthguard.ecr.LayerDescriptor}s, annotations), or the platforms the image offers
 * when it lacks the wanted one. Every manifest and blob is checked against the sha256 digest that
 * names it. {@link dev.healthguard.ecr.EcrLookup#openLayer} streams a layer blob through a {@link
 * dev.healthguard.ecr.DigestVerifyingInputStream}; listing the tar is another package's job.
 *
 * <p>Every failure is a {@link dev.healthguard.ecr.LookupException} with a {@link
 * dev.healthguard.ecr.LookupException.Kind} and a one-line message naming the image; presigned
 * download URLs never appear in messages. Limits and timeouts are in {@link
 * dev.healthguard.ecr.LookupOptions}.
 *
 * <p>One class per registry call, as in Jib's {@code registry} package: {@code BatchGetImageCall},
 * {@code GetDownloadUrlCall}, {@code PresignedBlobGet}; wire formats in {@code ManifestJson} and
 * {@code ConfigJson}; everything not public is package-private.
 */
package dev.healthguard.ecr;
