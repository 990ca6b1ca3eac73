import { readMigrationStatus } from "@org/ai-usage-db/migrator";
import { type Check, listSome } from "./check.js";

/** Every shipped migration applied, none failed, none changed after it was applied. */
export const migrationCheck: Check = async ({ databaseUrl, migrationsDir }) => {
  const name = "migrations";
  const status = await readMigrationStatus({ databaseUrl, migrationsDir });
  if (status.failed.length > 0) {
    return {
      name,
      status: "fail",
      detail: `failed: ${listSome(status.failed.map((failure) => failure.name))} (see npx ai-usage status)`,
    };
  }
  if (status.pending.length > 0) {
    return {
      name,
      status: "fail",
      detail: `${status.pending.length} of ${status.shipped} pending: run npx ai-usage migrate`,
    };
  }
  if (status.changedAfterApply.length > 0) {
    return {
      name,
      status: "warn",
      detail: `changed after they were applied (not re-applied): ${listSome(status.changedAfterApply)}`,
    };
  }
  return { name, status: "ok", detail: `all ${status.shipped} applied` };
};
