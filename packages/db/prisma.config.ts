import { defineConfig } from "prisma/config";

// Prisma 7 reads the database URL from here, not from schema.prisma. Only `prisma migrate deploy/
// status` (where Prisma's schema engine can run) need it; `prisma generate` must work without it,
// and prisma/config's env() would throw when DATABASE_URL is unset, so it is read directly.
const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  ...(url ? { datasource: { url } } : {}),
});
