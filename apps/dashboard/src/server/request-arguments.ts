import { z } from "zod";

/** A request the dashboard cannot act on as sent (bad query or body): HTTP 400 with the reason. */
export class BadRequestError extends Error {
  override readonly name = "BadRequestError";
}

/** `?days=` as a whole number; its range (1..3660) is the SDK's and the database's to check. */
const DaysQuerySchema = z
  .string()
  .regex(/^\d{1,5}$/, { error: "days must be a whole number of days" })
  .transform(Number)
  .optional();

/** `?days=`, or the server's default range. */
export function daysOf(query: URLSearchParams, fallback: number): number {
  const parsed = DaysQuerySchema.safeParse(query.get("days") ?? undefined);
  if (!parsed.success) throw new BadRequestError(parsed.error.issues[0]?.message ?? "invalid days");
  return parsed.data ?? fallback;
}

/** A JSON request body, parsed; what it must hold is the SDK's and the database's to check. */
export function jsonBody(body: string | undefined): unknown {
  if (body === undefined || body.trim() === "") throw new BadRequestError("the request needs a JSON body");
  try {
    return JSON.parse(body);
  } catch {
    throw new BadRequestError("the request body is not valid JSON");
  }
}
