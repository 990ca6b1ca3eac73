import { readFile } from "node:fs/promises";
import type { z } from "zod";
import { parseJsonKeepingNumberText } from "./json-number-text.js";
import { type LiteLlmEntry, liteLlmEntrySchema, liteLlmFileSchema } from "./litellm-entry.js";

/** The LiteLLM providers the catalog maps (catalog-row.ts); entries of others are skipped unread. */
export const MAPPED_LITELLM_PROVIDERS = new Set(["anthropic", "openai", "gemini"]);

/** A price file that cannot be read, with where (the entry's key and the field's path). */
export class PriceFileError extends Error {
  override readonly name = "PriceFileError";
}

export interface PriceFileEntry {
  key: string;
  entry: LiteLlmEntry;
}

/** The entries of a LiteLLM price file in the file's order, each checked against the schema. */
export async function readPriceFile(path: string): Promise<PriceFileEntry[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new PriceFileError(`cannot read the price file ${path}: ${(error as Error).message}`);
  }
  return parsePriceFileText(text, path);
}

export function parsePriceFileText(text: string, path: string): PriceFileEntry[] {
  let json: unknown;
  try {
    json = parseJsonKeepingNumberText(text);
  } catch (error) {
    throw new PriceFileError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
  const file = liteLlmFileSchema.safeParse(json);
  if (!file.success) {
    throw new PriceFileError(`${path} is not a LiteLLM price file: expected an object of model id -> entry`);
  }
  const entries: PriceFileEntry[] = [];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(file.data)) {
    // Only the providers we map must be well-formed: a newer file may carry entries of other
    // providers in shapes this schema does not know, and they are skipped anyway.
    const provider = (value as { litellm_provider?: unknown } | null)?.litellm_provider;
    if (typeof provider === "string" && !MAPPED_LITELLM_PROVIDERS.has(provider)) {
      entries.push({ key, entry: { litellm_provider: provider } });
      continue;
    }
    const parsed = liteLlmEntrySchema.safeParse(value);
    if (parsed.success) entries.push({ key, entry: parsed.data });
    else problems.push(...parsed.error.issues.map((issue) => describeIssue(key, issue)));
  }
  if (problems.length > 0) {
    throw new PriceFileError(`${path} has invalid entries:\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
  return entries;
}

function describeIssue(key: string, issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join(".");
  return `${JSON.stringify(key)}${path ? `.${path}` : ""}: ${issue.message}`;
}
