/**
 * The command line: reads ECS task definitions, CloudFormation templates (JSON, YAML, cdk.out)
 * and Terraform plans into the core's {@link dev.healthguard.task.Target}s and runs the same rules
 * as the CDK library on them. Nothing here knows the CDK.
 */
package dev.healthguard.cli;
