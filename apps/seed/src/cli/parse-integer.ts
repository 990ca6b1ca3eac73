import { InvalidArgumentError } from "commander";

/** Commander argument parser for whole numbers; accepts 1000000, 1_000_000 and 1e6. */
export function parseInteger(text: string): number {
  const value = Number(text.replaceAll("_", ""));
  if (!Number.isInteger(value)) throw new InvalidArgumentError(`"${text}" is not a whole number.`);
  return value;
}

/** Commander argument parser for an instant: an ISO 8601 date or timestamp. */
export function parseInstant(text: string): Date {
  const value = new Date(text);
  if (Number.isNaN(value.getTime())) throw new InvalidArgumentError(`"${text}" is not an ISO 8601 date.`);
  return value;
}
