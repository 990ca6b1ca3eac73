import { z } from "zod";

/**
 * PostgreSQL counts characters (code points), JavaScript counts UTF-16 units, and PostgreSQL text
 * can hold neither NUL nor a lone surrogate (the whole JSON batch would be rejected). These helpers
 * check text the way the database will.
 */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** Cuts `text` to at most `max` characters without splitting a surrogate pair. */
export function truncateCharacters(text: string, max: number): string {
  if (text.length <= max) return text;
  let result = "";
  let count = 0;
  for (const character of text) {
    if (count === max) break;
    result += character;
    count++;
  }
  return result;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Makes arbitrary text (an upstream error message) storable: no NUL, no lone surrogates. */
export function storableText(text: string): string {
  return text.replaceAll("\u0000", "").replace(LONE_SURROGATE, "\uFFFD");
}

/** A text field the database accepts: storable, and `min..max` characters long. */
export function databaseText(min: number, max: number) {
  return z
    .string()
    .refine((text) => !text.includes("\u0000"), { message: "must not contain NUL characters" })
    .refine((text) => !new RegExp(LONE_SURROGATE.source).test(text), {
      message: "must be well-formed Unicode",
    })
    .refine(
      (text) => {
        const count = characterCount(text);
        return count >= min && count <= max;
      },
      {
        message:
          min > 0 ? `must be ${min} to ${max} characters long` : `must be at most ${max} characters long`,
      },
    );
}
