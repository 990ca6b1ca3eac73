import type { DatabaseFunctionCall, UsageTransport } from "../../database/function-call.js";
import { presentArguments } from "../../database/function-call.js";
import { databaseErrorFrom } from "../../errors/classify.js";

/** PostgREST's error body, as supabase-js hands it over. */
interface PostgrestErrorLike {
  code?: string | null;
  message: string;
  details?: string | null;
  hint?: string | null;
}

interface RpcResponse {
  data: unknown;
  error: PostgrestErrorLike | null;
  status: number;
}

/**
 * The part of a supabase-js client the transport uses (`createClient(url, key)`). Calls run as
 * whoever the client's key or session says: the service role key for logging and server-side
 * reports, a user's session for `getUserUsage` of their own usage.
 */
export interface SupabaseRpcClient {
  rpc(fn: string, args?: Record<string, unknown>): PromiseLike<RpcResponse>;
}

/** A transport over supabase-js `rpc()` (PostgREST: named arguments from the JSON body). */
export function createSupabaseTransport(client: SupabaseRpcClient): UsageTransport {
  return {
    kind: "supabase",
    async call(call: DatabaseFunctionCall): Promise<unknown> {
      const args = Object.fromEntries(
        presentArguments(call).map((argument) => [
          argument.name,
          argument.value instanceof Date ? argument.value.toISOString() : argument.value,
        ]),
      );
      let response: RpcResponse;
      try {
        response = await client.rpc(call.name, args);
      } catch (thrown) {
        // supabase-js turns network failures into { status: 0 } but rethrows aborts.
        const message = thrown instanceof Error ? thrown.message : String(thrown);
        throw databaseErrorFrom({ functionName: call.name, message, status: 0, cause: thrown });
      }
      if (response.error) {
        throw databaseErrorFrom({
          functionName: call.name,
          code: response.error.code ?? undefined,
          message: response.error.message,
          status: response.status,
          details: response.error.details ?? undefined,
          hint: response.error.hint ?? undefined,
          cause: response.error,
        });
      }
      return response.data;
    },
  };
}
