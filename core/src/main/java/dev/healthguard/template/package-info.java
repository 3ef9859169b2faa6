/**
 * Reads CloudFormation templates and CDK asset manifests as plain data, whoever wrote them: the
 * validation plugin reads the synthesized {@code cdk.out}, the command line reads any template.
 * Parsing the file (JSON, YAML) is the caller's; this package only walks the document.
 */
package dev.healthguard.template;
