import type { z } from "zod";

/**
 * One command-line option's problem in our words: "--events must be at least 1 (got -5)" rather than
 * zod's "Too small: expected number to be >=1". Our own refinements keep their message.
 */
export function describeOptionIssue(issue: z.core.$ZodIssue, given: Record<string, unknown>): string {
  const name = optionName(issue.path);
  const value = issue.path.length === 1 ? given[String(issue.path[0])] : undefined;
  const got = value === undefined ? "" : ` (got ${String(value)})`;
  switch (issue.code) {
    case "too_small":
      return `${name} must be at least ${bound(Number(issue.minimum) + (issue.inclusive === false ? 1 : 0))}${got}`;
    case "too_big":
      return `${name} must be at most ${bound(Number(issue.maximum) - (issue.inclusive === false ? 1 : 0))}${got}`;
    case "invalid_type":
      return `${name} must be a ${issue.expected}${got}`;
    default:
      return `${name}: ${issue.message}`;
  }
}

const bound = (value: number) => value.toLocaleString("en-US");

/** ["batchSize"] → "--batch-size", as the option is spelled on the command line. */
export function optionName(path: PropertyKey[]): string {
  return `--${path
    .map(String)
    .join(".")
    .replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}
