// Runs the function the way Supabase's Edge Runtime does, under plain Deno: `EdgeRuntime.waitUntil`
// exists, and `Deno.serve(handler)` is called without options (the runtime owns the port). Each
// waitUntil task is logged when it settles, so tests can see that recording went through it.
interface ServeOptions {
  port: number;
  onListen(address: { hostname: string; port: number }): void;
}
type Serve = (options: ServeOptions, handler: (request: Request) => Response | Promise<Response>) => unknown;

let settled = 0;
Object.defineProperty(globalThis, "EdgeRuntime", {
  value: {
    waitUntil(task: Promise<unknown>): void {
      console.log("waitUntil: task started");
      task.finally(() => console.log(`waitUntil: task settled (${++settled})`));
    },
  },
  configurable: true,
});

const serve = Deno.serve as unknown as Serve;
(Deno as unknown as { serve: unknown }).serve = (
  handler: (request: Request) => Response | Promise<Response>,
) =>
  serve(
    {
      port: Number(Deno.env.get("PORT") ?? 0),
      onListen: ({ hostname, port }) => console.log(`ai-report listening on http://${hostname}:${port}/`),
    },
    handler,
  );

await import("../../supabase/functions/ai-report/index.ts");
