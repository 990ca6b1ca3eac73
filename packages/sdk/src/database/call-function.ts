import type { z } from "zod";
import { UsageValidationError } from "../errors/validation-error.js";
import type { DatabaseFunctionCall, UsageTransport } from "./function-call.js";

/** Runs a call through a transport and checks the result against the contract's schema. */
export async function callFunction<Schema extends z.ZodType>(
  transport: UsageTransport,
  call: DatabaseFunctionCall,
  schema: Schema,
): Promise<z.output<Schema>> {
  const result = await transport.call(call);
  const parsed = schema.safeParse(result);
  if (!parsed.success) throw UsageValidationError.fromZod(parsed.error, "result", call.name);
  return parsed.data;
}

/** Validates caller arguments; a failure is the SDK's validation error naming the field. */
export function parseArguments<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  subject: string,
): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw UsageValidationError.fromZod(parsed.error, "arguments", subject);
  return parsed.data;
}
