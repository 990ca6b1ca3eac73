import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import tsupConfig from "../tsup.config.js";

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * The public surface, entry point by entry point: every name a user can import (`type X` for
 * type-only names). Exporting something new, or dropping something, fails here until the list is
 * changed on purpose. Internal plumbing (callFunction, toSqlCall, resultFromRows, databaseErrorFrom,
 * createFunctionSink, the retry classification) stays importable by path inside the package only.
 */
const PUBLIC_NAMES: Record<string, string[]> = {
  ".": [
    "BatchEventSchema",
    "BatchResultRowSchema",
    "BudgetAlertRecordSchema",
    "BudgetAlertSchema",
    "BudgetInputSchema",
    "BudgetReconcileResultSchema",
    "BudgetStatusArgumentsSchema",
    "BudgetStatusSchema",
    "CostSummarySchema",
    "DashboardArgumentsSchema",
    "ERROR_MESSAGE_MAX_CHARACTERS",
    "ExplainModelPriceArgumentsSchema",
    "ListBudgetAlertsArgumentsSchema",
    "ListBudgetsArgumentsSchema",
    "MONTH_TO_DATE_DAYS",
    "ModelAliasSchema",
    "ModelPriceEntrySchema",
    "ModelPriceExplanationSchema",
    "ModelPriceSchema",
    "MonthToDateSchema",
    "PeriodSchema",
    "ReconcileResultSchema",
    "RepriceArgumentsSchema",
    "ReservationAnswerSchema",
    "ReserveArgumentsSchema",
    "UsageAlertDeliveryError",
    "UsageBudgetExceededError",
    "UsageConnectionError",
    "UsageContextSchema",
    "UsageDashboardSchema",
    "UsageDatabaseError",
    "UsageDeliveryError",
    "UsageError",
    "UsageEventSchema",
    "UsageEventsDroppedError",
    "UsagePermissionError",
    "UsageUserIdError",
    "UsageValidationError",
    "UserUsageArgumentsSchema",
    "UserUsageSchema",
    "compareMonthToDate",
    "createBudgetAlertDispatcher",
    "createBudgetGuard",
    "createUsageRecorder",
    "defaultInputTokenBound",
    "deleteModelAlias",
    "describeBudgetStatus",
    "endBudget",
    "explainModelPrice",
    "getBudgetStatus",
    "getCostSummary",
    "getUsageDashboard",
    "getUserUsage",
    "isUsageError",
    "listBudgetAlerts",
    "listBudgets",
    "rebuildSummaries",
    "reconcileBudgets",
    "reconcileSummaries",
    "repriceUsage",
    "setBudget",
    "setModelAlias",
    "setModelPrice",
    "setReportingTimeZone",
    "setSelfLogging",
    "type AlertDeliveryErrorContext",
    "type BatchEvent",
    "type BatchResultRow",
    "type BudgetAlert",
    "type BudgetAlertDispatcher",
    "type BudgetAlertDispatcherOptions",
    "type BudgetAlertPayload",
    "type BudgetAlertRecord",
    "type BudgetExceededContext",
    "type BudgetGuard",
    "type BudgetGuardOptions",
    "type BudgetHold",
    "type BudgetInput",
    "type BudgetMode",
    "type BudgetPeriod",
    "type BudgetReconcileResult",
    "type BudgetRefusalReason",
    "type BudgetScope",
    "type BudgetStatus",
    "type BudgetStatusArguments",
    "type CloseResult",
    "type ConnectionErrorContext",
    "type CostSummary",
    "type DashboardArguments",
    "type DatabaseErrorContext",
    "type DatabaseFunctionCall",
    "type DeliveryErrorContext",
    "type DispatchResult",
    "type DropReason",
    "type EventsDroppedContext",
    "type ExplainModelPriceArguments",
    "type FetchLike",
    "type FlushOptions",
    "type FlushResult",
    "type FunctionArgument",
    "type ListBudgetAlertsArguments",
    "type ListBudgetsArguments",
    "type ModelAliasInput",
    "type ModelPriceEntry",
    "type ModelPriceExplanation",
    "type ModelPriceInput",
    "type MonthToDate",
    "type NotificationClient",
    "type Period",
    "type ReconcileResult",
    "type RepriceArguments",
    "type ReservationAnswer",
    "type ReserveArguments",
    "type RetryOptions",
    "type ServiceTier",
    "type SetModelAliasResult",
    "type SetModelPriceResult",
    "type SqlType",
    "type UsageContext",
    "type UsageContextInput",
    "type UsageDashboard",
    "type UsageErrorName",
    "type UsageEvent",
    "type UsageEventInput",
    "type UsageRecorder",
    "type UsageRecorderOptions",
    "type UsageRecorderStats",
    "type UsageSink",
    "type UsageTransport",
    "type UserUsage",
    "type UserUsageArguments",
    "type ValidationErrorContext",
    "type ValidationIssue",
    "type WordingOptions",
  ],
  "./pg": [
    "createPgSink",
    "createPgTransport",
    "type PgPool",
    "type PgTransportOptions",
    "type PostgrestIdentity",
  ],
  "./prisma": [
    "createPrismaSink",
    "createPrismaTransport",
    "type PostgrestIdentity",
    "type PrismaRawClient",
    "type PrismaTransportOptions",
  ],
  "./supabase": ["createSupabaseSink", "createSupabaseTransport", "type SupabaseRpcClient"],
  "./anthropic": [
    "AnthropicStreamUsage",
    "recordAnthropicBatchResults",
    "tokenUsageFromAnthropic",
    "trackAnthropic",
    "type AnthropicBatchClientLike",
    "type AnthropicBatchResultLine",
    "type AnthropicBatchResults",
    "type AnthropicBatchResultsOptions",
    "type AnthropicClientLike",
    "type AnthropicUsage",
    "type TokenUsage",
    "type Tracked",
    "type TrackingOptions",
    "type UsageContextInput",
    "type UsageContextSource",
  ],
  "./openai": [
    "tokenUsageFromChatCompletion",
    "tokenUsageFromResponse",
    "trackOpenAI",
    "type ChatCompletionUsage",
    "type OpenAIClientLike",
    "type ResponseUsage",
    "type TokenUsage",
    "type Tracked",
    "type TrackingOptions",
    "type UsageContextInput",
    "type UsageContextSource",
  ],
  "./gemini": [
    "tokenUsageFromGemini",
    "trackGemini",
    "type GeminiClientLike",
    "type GeminiUsageMetadata",
    "type RecordingOnlyOptions",
    "type TokenUsage",
    "type Tracked",
    "type UsageContextInput",
    "type UsageContextSource",
  ],
  "./vercel-ai": [
    "providerFromModel",
    "tokenUsageFromAiSdk",
    "type AiSdkProviderMetadata",
    "type AiSdkUsage",
    "type GenerateResultLike",
    "type LanguageModelLike",
    "type RecordingOnlyOptions",
    "type StreamResultLike",
    "type TokenUsage",
    "type UsageContextInput",
    "type UsageContextSource",
    "type UsageMiddleware",
    "usageMiddleware",
  ],
  "./auth": [
    "AccessTokenClaimsSchema",
    "MIN_HS256_SECRET_BYTES",
    "UsageAccessTokenError",
    "createAccessTokenVerifier",
    "type AccessTokenClaims",
    "type AccessTokenErrorContext",
    "type AccessTokenFailure",
    "type AccessTokenPolicyInput",
    "type AccessTokenVerifier",
  ],
};

/** package.json `exports` subpath -> the source file tsup builds it from. */
function entryPoints(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(join(PACKAGE, "package.json"), "utf8")) as {
    exports: Record<string, { default: string }>;
  };
  const config = tsupConfig as { entry: Record<string, string> };
  const entries = new Map<string, string>();
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const distName = target.default.replace(/^\.\/dist\//, "").replace(/\.js$/, "");
    const source = config.entry[distName];
    if (source === undefined) throw new Error(`${subpath}: ${target.default} is not built by tsup.config.ts`);
    entries.set(subpath, join(PACKAGE, source));
  }
  return entries;
}

/** Every name a module exports, as the type checker sees it; type-only names are `type X`. */
function exportedNames(files: string[]): Map<string, string[]> {
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const names = new Map<string, string[]>();
  for (const file of files) {
    const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
    const exported = checker.getExportsOfModule(module).map((symbol) => {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return target.flags & ts.SymbolFlags.Value ? symbol.name : `type ${symbol.name}`;
    });
    names.set(file, exported.sort());
  }
  return names;
}

describe("public surface", () => {
  const entries = entryPoints();
  let checked: Map<string, string[]> | undefined;
  // One type-checker pass (about 2 s) for all entry points.
  const names = () => {
    checked ??= exportedNames([...entries.values()]);
    return checked;
  };

  it("every package.json export is built by tsup and listed here, and nothing else is", () => {
    expect([...entries.keys()].sort()).toEqual(Object.keys(PUBLIC_NAMES).sort());
    expect(Object.keys((tsupConfig as { entry: object }).entry).length).toBe(entries.size);
  });

  it("each entry point exports exactly its public names", { timeout: 60_000 }, () => {
    for (const [subpath, file] of entries) {
      expect({ subpath, names: names().get(file) }).toEqual({ subpath, names: PUBLIC_NAMES[subpath] });
    }
  });

  it("keeps the internal plumbing out of every entry point", { timeout: 60_000 }, () => {
    const everything = new Set([...names().values()].flat());
    for (const internal of [
      "callFunction",
      "toSqlCall",
      "resultFromRows",
      "databaseErrorFrom",
      "createFunctionSink",
      "isTransientSqlState",
      "type RawDatabaseFailure",
    ]) {
      expect(everything.has(internal), internal).toBe(false);
    }
  });
});
