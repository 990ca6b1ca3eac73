// Supabase Edge Function `ai-report`: wiring only (environment, Deno.serve); the logic is in handler.ts.
import Anthropic from "@anthropic-ai/sdk";
import { createTokenVerifier } from "./auth.ts";
import { loadConfig } from "./env.ts";
import { createHandler } from "./handler.ts";
import { createUsageRecording } from "./usage-recording.ts";

interface EdgeRuntimeGlobal {
  waitUntil(task: Promise<unknown>): void;
}

// Throws a ConfigError naming every missing or invalid variable: the worker does not start without them.
const config = loadConfig(Deno.env.toObject());
const edgeRuntime = (globalThis as { EdgeRuntime?: EdgeRuntimeGlobal }).EdgeRuntime;
const recording = createUsageRecording(config.databaseUrl, config.budget);

const handler = createHandler({
  verifyToken: createTokenVerifier(config.token),
  anthropic: new Anthropic({
    apiKey: config.anthropic.apiKey,
    baseURL: config.anthropic.baseURL,
    maxRetries: config.anthropic.maxRetries,
  }),
  recorder: recording.recorder,
  budget: recording.budget,
  settings: { model: config.anthropic.model, maxTokens: config.anthropic.maxTokens },
  corsAllowOrigin: config.corsAllowOrigin,
  waitUntil: edgeRuntime ? (task) => edgeRuntime.waitUntil(task) : undefined,
});

if (edgeRuntime) {
  // Supabase's runtime owns the port and the worker's lifetime; each request flushes via waitUntil.
  Deno.serve(handler);
} else {
  Deno.serve(
    {
      port: config.port,
      onListen: ({ hostname, port }) => console.log(`ai-report listening on http://${hostname}:${port}/`),
    },
    handler,
  );
  // `deno run`: write what is buffered before exiting.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    Deno.addSignalListener(signal, () => {
      recording.close().finally(() => Deno.exit(0));
    });
  }
}
