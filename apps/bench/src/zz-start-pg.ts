import { startEmbeddedPostgres } from "@org/ai-usage-db";
const pg = await startEmbeddedPostgres({ dataDir: "/work/main/.data/bench-pg17", major: 17, port: 55999 });
console.log("READY", (pg as any).url ?? JSON.stringify(Object.keys(pg)));
setInterval(() => {}, 1 << 30);
process.on("SIGTERM", async () => { await pg.stop(); process.exit(0); });
