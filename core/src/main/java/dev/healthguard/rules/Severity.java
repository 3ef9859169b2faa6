package dev.healthguard.rules;

/** How bad a finding is; the CDK annotation level it becomes. */
public enum Severity {
  /** The check cannot pass; the synth fails. */
  ERROR,
  /** A risk, or a failure the evidence cannot prove. */
  WARNING,
  /** Something the user should know, such as an image the guard cannot see into. */
  INFO
}
