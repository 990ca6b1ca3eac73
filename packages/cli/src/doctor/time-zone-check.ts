import type { Check } from "./check.js";

/** Which zone reports count days in, next to the server session's and this machine's zones. */
export const timeZoneCheck: Check = async ({ client }) => {
  const name = "reporting time zone";
  const localZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const { rows: session } = await client.query<{ zone: string; table: boolean }>(
    "SELECT current_setting('TimeZone') AS zone, to_regclass('public.ai_usage_settings') IS NOT NULL AS table",
  );
  const zones = `server session ${session[0]!.zone}, this machine ${localZone}`;
  if (!session[0]!.table) return { name, status: "fail", detail: `ai_usage_settings is missing (${zones})` };
  try {
    const { rows } = await client.query<{ zone: string }>(
      "SELECT reporting_time_zone AS zone FROM public.ai_usage_settings",
    );
    return {
      name,
      status: "info",
      detail: `reports count days in ${rows[0]?.zone} (change: select set_ai_reporting_time_zone('Europe/Berlin')); ${zones}`,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { name, status: "warn", detail: `cannot read it as this role (${reason}); connect as the owner` };
  }
};
