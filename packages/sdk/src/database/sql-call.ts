import type { DatabaseFunctionCall } from "./function-call.js";
import { presentArguments } from "./function-call.js";

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/**
 * SQL for a function call with named arguments and explicit casts, the way PostgREST calls it
 * (`fn(p_days => $1)`), for the SQL transports (pg, Prisma). Names come from this package's own
 * call definitions, never from user input; they are still checked so the text stays safe.
 */
export function toSqlCall(call: DatabaseFunctionCall): { text: string; values: unknown[] } {
  if (!IDENTIFIER.test(call.name)) throw new Error(`invalid function name: ${call.name}`);
  const values: unknown[] = [];
  const named = presentArguments(call).map((argument) => {
    if (!IDENTIFIER.test(argument.name)) throw new Error(`invalid argument name: ${argument.name}`);
    values.push(toSqlValue(argument.value, argument.type));
    return `${argument.name} => $${values.length}::${argument.type}`;
  });
  const invocation = `public.${call.name}(${named.join(", ")})`;
  const text = call.returns === "rows" ? `select * from ${invocation}` : `select ${invocation} as result`;
  return { text, values };
}

function toSqlValue(value: unknown, type: string): unknown {
  if (value === null) return null;
  if (type === "jsonb") return JSON.stringify(value);
  // An array literal as text: every driver sends it the same way, and the cast reads it.
  if (type === "integer[]" && Array.isArray(value)) return `{${value.map((item) => Number(item)).join(",")}}`;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** Picks the function's result out of the rows a SQL transport got back. */
export function resultFromRows(call: DatabaseFunctionCall, rows: Record<string, unknown>[]): unknown {
  if (call.returns === "rows") return rows;
  return rows[0]?.result ?? null;
}
