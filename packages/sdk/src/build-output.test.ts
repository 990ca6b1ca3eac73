import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "tsup";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import tsupConfig from "../tsup.config.js";

type Module = Record<string, unknown>;
type ErrorClass = abstract new (...args: never[]) => Error;

// The package as tsup builds it (JavaScript only, into a temporary folder): `instanceof` across
// entry points holds only if every error class is defined once, in a chunk the entries share.
let outDir: string;
const entry = (name: string): Promise<Module> => import(join(outDir, `${name}.js`));

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "ai-usage-sdk-build-"));
  await build({ ...(tsupConfig as object), outDir, dts: false, sourcemap: false, silent: true });
}, 120_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe("the built package", () => {
  it("defines each error class in exactly one file", async () => {
    const files = (await readdir(outDir, { recursive: true })).filter((file) => file.endsWith(".js"));
    const code = await Promise.all(files.map((file) => readFile(join(outDir, file), "utf8")));
    for (const name of [
      "UsageError",
      "UsageValidationError",
      "UsageDatabaseError",
      "UsageAccessTokenError",
    ]) {
      const definitions = code.filter((text) => new RegExp(`\\bvar ${name} = class\\b`).test(text));
      expect(definitions.length, name).toBe(1);
    }
  });

  it("errors made behind one entry point are instances of the classes another one exports", async () => {
    const core = await entry("index");
    const auth = await entry("auth");
    const supabase = await entry("sinks/supabase");
    const is = (error: unknown, name: string) => error instanceof (core[name] as ErrorClass);

    const createVerifier = auth.createAccessTokenVerifier as (policy: object) => {
      verifyAuthorization(header: undefined): Promise<unknown>;
    };
    const weakSecret = (() => {
      try {
        createVerifier({ secret: "short" });
      } catch (error) {
        return error;
      }
    })();
    expect(is(weakSecret, "UsageValidationError")).toBe(true);
    expect(is(weakSecret, "UsageError")).toBe(true);

    const noToken = await createVerifier({ secret: "s".repeat(32) })
      .verifyAuthorization(undefined)
      .catch((error: unknown) => error);
    expect(noToken).toBeInstanceOf(auth.UsageAccessTokenError as ErrorClass);
    expect(is(noToken, "UsageError")).toBe(true);

    // A PostgREST refusal as supabase-js reports it, turned into an error by the supabase entry.
    const transport = (
      supabase.createSupabaseTransport as (client: object) => { call(call: object): Promise<unknown> }
    )({
      rpc: async () => ({ data: null, status: 403, error: { code: "42501", message: "not an admin" } }),
    });
    const refused = await transport
      .call({ name: "get_ai_cost_summary", args: [], returns: "value" })
      .catch((error: unknown) => error);
    expect(is(refused, "UsagePermissionError")).toBe(true);
    expect(is(refused, "UsageError")).toBe(true);
    expect((core.isUsageError as (error: unknown) => boolean)(refused)).toBe(true);
  });
});
