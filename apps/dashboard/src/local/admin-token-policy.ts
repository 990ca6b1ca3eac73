/** Why `pnpm dashboard` will not print an admin token here. */
export class AdminTokenRefusedError extends Error {
  override readonly name = "AdminTokenRefusedError";
}

export interface AdminTokenSituation {
  /** The database is the embedded one this process started (no --database-url, no DATABASE_URL). */
  embeddedDatabase: boolean;
  /** SUPABASE_JWT_SECRET is set: tokens are signed with the project's real secret. */
  projectSecret: boolean;
  /** --print-admin-token was given. */
  printAdminToken: boolean;
}

/**
 * Whether to print a local admin token (12 hours, `app_metadata.role = 'admin'`). Signed with a
 * random secret made for this run, it opens only this process, so it is always printed. Signed with
 * the project's real secret, Supabase itself (PostgREST, Storage, Realtime) would accept it as an
 * admin of that project: that is allowed only on the embedded database, which holds nothing real.
 * @throws AdminTokenRefusedError when asked to sign one with the real secret for another database
 */
export function shouldPrintAdminToken(situation: AdminTokenSituation): boolean {
  if (!situation.projectSecret) return true;
  if (!situation.printAdminToken) return false;
  if (situation.embeddedDatabase) return true;
  throw new AdminTokenRefusedError(
    "--print-admin-token is refused: it would sign a 12-hour admin token with SUPABASE_JWT_SECRET, which " +
      "the project itself accepts, and this database is not the embedded one (--database-url or " +
      "DATABASE_URL is set). Sign in as an admin in your app and open the dashboard with their access token.",
  );
}
