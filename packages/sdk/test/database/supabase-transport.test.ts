import { createClient } from "@supabase/supabase-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCostSummary, UsagePermissionError } from "../../src/index.js";
import { createSupabaseSink, createSupabaseTransport } from "../../src/supabase.js";
import { type PostgrestFixture, startPostgrestFixture } from "../fixtures/postgrest-fixture.js";
import { userClaims, useTestDatabase } from "../support/database.js";
import { JWT_SECRET, signJwt } from "../support/jwt.js";
import { transportContract } from "../support/transport-contract.js";

describe("supabase-js transport and sink (through the PostgREST test fixture)", () => {
  const database = useTestDatabase();
  let fixture: PostgrestFixture;
  const keys: Record<string, string> = {};
  const tokens = new Map<string, string>();
  const client = (key: string, accessToken?: string) =>
    createClient(fixture.url, key, {
      auth: { persistSession: false, autoRefreshToken: false },
      global: accessToken ? { headers: { Authorization: `Bearer ${accessToken}` } } : {},
    });

  beforeAll(async () => {
    fixture = await startPostgrestFixture({ databaseUrl: database.url, jwtSecret: JWT_SECRET });
    keys.service = await signJwt({ role: "service_role", iss: "supabase" });
    keys.anon = await signJwt({ role: "anon", iss: "supabase" });
  });
  afterAll(async () => {
    await fixture?.close();
  });
  const userToken = async (userId: string, admin: boolean) => {
    const key = `${userId}:${admin}`;
    if (!tokens.has(key)) tokens.set(key, await signJwt(userClaims(userId, admin)));
    return tokens.get(key)!;
  };
  // supabase-js needs the token when the client is made; the contract's factories are synchronous,
  // so user transports sign on first use.
  const lazyUserTransport = (userId: string, admin: boolean) => ({
    kind: "supabase",
    call: async (call: Parameters<ReturnType<typeof createSupabaseTransport>["call"]>[0]) =>
      createSupabaseTransport(client(keys.anon!, await userToken(userId, admin))).call(call),
  });

  transportContract({
    database,
    serverSink: () => createSupabaseSink(client(keys.service!)),
    serverTransport: () => createSupabaseTransport(client(keys.service!)),
    userTransport: lazyUserTransport,
    userSink: (userId) => ({
      writeBatch: async (events) =>
        createSupabaseSink(client(keys.anon!, await userToken(userId, false))).writeBatch(events),
    }),
    statusFor: (code) => ({ "22023": 400, "42501": 403 })[code],
  });

  it("anon can call nothing: 42501 as HTTP 403 with the anon key, 401 without any JWT", async () => {
    const error = await getCostSummary(createSupabaseTransport(client(keys.anon!))).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(UsagePermissionError);
    expect(error).toMatchObject({ context: { status: 403 } });
    const response = await fetch(`${fixture.url}/rest/v1/rpc/get_ai_cost_summary`, {
      method: "POST",
      body: "{}",
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: "42501" });
  });

  it("a forged JWT is refused by the fixture (401), like PostgREST", async () => {
    const forged = `${keys.service!.slice(0, -4)}AAAA`;
    const error = await getCostSummary(createSupabaseTransport(client(forged))).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ name: "UsageDatabaseError", code: "PGRST301", context: { status: 401 } });
  });
});
