// Core entry: recorder, schemas, errors and report helpers. Runs on Node and Deno alike, so it
// imports no `node:` module and no database driver; those live behind ./pg, ./prisma, ./supabase.

export {
  type BudgetAlertDispatcher,
  type BudgetAlertDispatcherOptions,
  createBudgetAlertDispatcher,
  type DispatchResult,
  type NotificationClient,
} from "./budgets/alert-dispatcher.js";
export type { BudgetAlertPayload } from "./budgets/alert-message.js";
export type { FetchLike } from "./budgets/alert-webhook.js";
export {
  type BudgetInput,
  BudgetInputSchema,
  endBudget,
  type ListBudgetAlertsArguments,
  ListBudgetAlertsArgumentsSchema,
  type ListBudgetsArguments,
  ListBudgetsArgumentsSchema,
  listBudgetAlerts,
  listBudgets,
  reconcileBudgets,
  setBudget,
} from "./budgets/budget-admin.js";
export {
  type BudgetGuard,
  type BudgetGuardOptions,
  type BudgetHold,
  createBudgetGuard,
} from "./budgets/budget-guard.js";
export {
  type BudgetStatusArguments,
  BudgetStatusArgumentsSchema,
  describeBudgetStatus,
  getBudgetStatus,
} from "./budgets/budget-status.js";
export type { WordingOptions } from "./budgets/budget-wording.js";
export { defaultInputTokenBound } from "./budgets/input-token-bound.js";
export { type ReserveArguments, ReserveArgumentsSchema } from "./budgets/reserve-arguments.js";
export {
  rebuildSummaries,
  reconcileSummaries,
  setReportingTimeZone,
  setSelfLogging,
} from "./database/admin.js";
export type {
  DatabaseFunctionCall,
  FunctionArgument,
  SqlType,
  UsageTransport,
} from "./database/function-call.js";
export type { UsageSink } from "./database/function-sink.js";
export {
  deleteModelAlias,
  type ModelAliasInput,
  ModelAliasSchema,
  setModelAlias,
} from "./database/model-aliases.js";
export {
  compareMonthToDate,
  MONTH_TO_DATE_DAYS,
  type MonthToDate,
  MonthToDateSchema,
} from "./database/month-to-date.js";
export {
  type ExplainModelPriceArguments,
  ExplainModelPriceArgumentsSchema,
  explainModelPrice,
} from "./database/price-explanation.js";
export {
  type ModelPriceInput,
  ModelPriceSchema,
  type RepriceArguments,
  RepriceArgumentsSchema,
  repriceUsage,
  setModelPrice,
} from "./database/pricing-admin.js";
export {
  type DashboardArguments,
  DashboardArgumentsSchema,
  getCostSummary,
  getUsageDashboard,
  getUserUsage,
  type UserUsageArguments,
  UserUsageArgumentsSchema,
} from "./database/reports.js";
export { type AlertDeliveryErrorContext, UsageAlertDeliveryError } from "./errors/alert-delivery-error.js";
export { type BudgetExceededContext, UsageBudgetExceededError } from "./errors/budget-exceeded-error.js";
export {
  type ConnectionErrorContext,
  type DatabaseErrorContext,
  UsageConnectionError,
  UsageDatabaseError,
  UsagePermissionError,
} from "./errors/database-errors.js";
export { type DeliveryErrorContext, UsageDeliveryError } from "./errors/delivery-error.js";
export {
  type DropReason,
  type EventsDroppedContext,
  UsageEventsDroppedError,
} from "./errors/dropped-error.js";
export { isUsageError, UsageError, type UsageErrorName } from "./errors/usage-error.js";
export { UsageUserIdError } from "./errors/user-id-error.js";
export {
  UsageValidationError,
  type ValidationErrorContext,
  type ValidationIssue,
} from "./errors/validation-error.js";
export { type UsageContext, type UsageContextInput, UsageContextSchema } from "./providers/context.js";
export type { FlushOptions, RetryOptions, UsageRecorderOptions } from "./recorder/options.js";
export type {
  CloseResult,
  FlushResult,
  UsageRecorder,
  UsageRecorderStats,
} from "./recorder/recorder-types.js";
export { createUsageRecorder } from "./recorder/usage-recorder.js";
export {
  type ReconcileResult,
  ReconcileResultSchema,
  type SetModelAliasResult,
  type SetModelPriceResult,
} from "./schemas/admin.js";
export { type BatchResultRow, BatchResultRowSchema } from "./schemas/batch-result.js";
export {
  type BudgetAlert,
  type BudgetAlertRecord,
  BudgetAlertRecordSchema,
  BudgetAlertSchema,
  type BudgetReconcileResult,
  BudgetReconcileResultSchema,
} from "./schemas/budget-alert.js";
export {
  type BudgetRefusalReason,
  type ReservationAnswer,
  ReservationAnswerSchema,
} from "./schemas/budget-reservation.js";
export {
  type BudgetMode,
  type BudgetPeriod,
  type BudgetScope,
  type BudgetStatus,
  BudgetStatusSchema,
} from "./schemas/budget-status.js";
export { type CostSummary, CostSummarySchema } from "./schemas/cost-summary.js";
export { type UsageDashboard, UsageDashboardSchema } from "./schemas/dashboard.js";
export { type Period, PeriodSchema } from "./schemas/json-values.js";
export {
  type ModelPriceEntry,
  ModelPriceEntrySchema,
  type ModelPriceExplanation,
  ModelPriceExplanationSchema,
} from "./schemas/price-explanation.js";
export {
  type BatchEvent,
  BatchEventSchema,
  ERROR_MESSAGE_MAX_CHARACTERS,
  type ServiceTier,
  type UsageEvent,
  type UsageEventInput,
  UsageEventSchema,
} from "./schemas/usage-event.js";
export { type UserUsage, UserUsageSchema } from "./schemas/user-usage.js";
