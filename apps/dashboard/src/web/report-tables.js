// @ts-check
// The dashboard's tables: top users (each opens the drill-down), top customers, unpriced models.
import { h } from "./dom.js";
import { formatCount, formatTimestamp, formatUsd } from "./format.js";
import { providerName } from "./providers.js";
import { tableCard } from "./table.js";

/** @typedef {import("@org/ai-usage-sdk").UsageDashboard} UsageDashboard */
/** @typedef {UsageDashboard["by_user"][number]} UserRow */
/** @typedef {UsageDashboard["by_customer"][number]} CustomerRow */
/** @typedef {UsageDashboard["unpriced_models"][number]} UnpricedRow */

/**
 * @param {UsageDashboard} dashboard
 * @param {(user: UserRow) => void} openUser
 * @param {() => Promise<UserRow[]>} allUsers  every user of the period, for the CSV
 */
export function usersTable(dashboard, openUser, allUsers) {
  const zone = dashboard.period.time_zone;
  return tableCard({
    title: "Top users",
    subtitle:
      "By cost, top 25 (the CSV has every user). Select a user for their daily usage and recent requests.",
    exportRows: allUsers,
    testId: "table-users",
    fileName: `users-${dashboard.period.days}d.csv`,
    emptyText: "No users made requests in this period.",
    rows: dashboard.by_user,
    columns: [
      {
        key: "user_email",
        label: "User",
        value: (u) => u.user_email,
        display: (u) =>
          h(
            "button",
            { type: "button", class: "link", title: u.user_id, onclick: () => openUser(u) },
            u.user_email ?? u.user_id,
          ),
      },
      { key: "user_id", label: "User id", value: (u) => u.user_id, display: (u) => shortId(u.user_id) },
      {
        key: "request_count",
        label: "Requests",
        numeric: true,
        value: (u) => u.request_count,
        display: (u) => formatCount(u.request_count),
      },
      {
        key: "total_tokens",
        label: "Tokens",
        numeric: true,
        value: (u) => u.total_tokens,
        display: (u) => formatCount(u.total_tokens),
      },
      {
        key: "total_cost",
        label: "Cost",
        numeric: true,
        value: (u) => u.total_cost,
        display: (u) => formatUsd(u.total_cost),
      },
      {
        key: "avg_cost_per_request",
        label: "Avg / request",
        numeric: true,
        value: (u) => u.avg_cost_per_request,
        display: (u) => formatUsd(u.avg_cost_per_request),
      },
      {
        key: "last_request",
        label: "Last request",
        value: (u) => u.last_request,
        display: (u) => formatTimestamp(u.last_request, zone),
      },
    ],
  });
}

/**
 * @param {UsageDashboard} dashboard
 * @param {() => Promise<CustomerRow[]>} allCustomers  every customer of the period, for the CSV
 */
export function customersTable(dashboard, allCustomers) {
  return tableCard({
    title: "Top customers",
    subtitle: "By cost, top 25 (the CSV has every customer); requests made on a customer's behalf.",
    exportRows: allCustomers,
    testId: "table-customers",
    fileName: `customers-${dashboard.period.days}d.csv`,
    emptyText: "No requests were made for a customer in this period.",
    rows: dashboard.by_customer,
    columns: [
      { key: "customer_name", label: "Customer", value: (c) => c.customer_name },
      { key: "customer_id", label: "Id", numeric: true, value: (c) => c.customer_id },
      {
        key: "request_count",
        label: "Requests",
        numeric: true,
        value: (c) => c.request_count,
        display: (c) => formatCount(c.request_count),
      },
      {
        key: "unique_users",
        label: "Users",
        numeric: true,
        value: (c) => c.unique_users,
        display: (c) => formatCount(c.unique_users),
      },
      {
        key: "total_tokens",
        label: "Tokens",
        numeric: true,
        value: (c) => c.total_tokens,
        display: (c) => formatCount(c.total_tokens),
      },
      {
        key: "total_cost",
        label: "Cost",
        numeric: true,
        value: (c) => c.total_cost,
        display: (c) => formatUsd(c.total_cost),
      },
    ],
  });
}

/** @param {UsageDashboard} dashboard */
export function unpricedTable(dashboard) {
  const zone = dashboard.period.time_zone;
  return tableCard({
    title: "Unpriced models",
    subtitle:
      "Requests whose model has no price: not in any cost figure until a price is added and they are re-priced.",
    testId: "table-unpriced",
    fileName: `unpriced-models-${dashboard.period.days}d.csv`,
    emptyText: "Every model used in this period has a price.",
    rows: dashboard.unpriced_models,
    columns: [
      { key: "model_used", label: "Model", value: (m) => m.model_used },
      {
        key: "provider",
        label: "Provider",
        value: (m) => providerName(m.provider),
      },
      {
        key: "requests",
        label: "Requests",
        numeric: true,
        value: (m) => m.requests,
        display: (m) => formatCount(m.requests),
      },
      {
        key: "total_tokens",
        label: "Tokens",
        numeric: true,
        value: (m) => m.total_tokens,
        display: (m) => formatCount(m.total_tokens),
      },
      {
        key: "last_request",
        label: "Last request",
        value: (m) => m.last_request,
        display: (m) => formatTimestamp(m.last_request, zone),
      },
    ],
  });
}

/** @param {string} id */
function shortId(id) {
  return h("code", { title: id }, `${id.slice(0, 8)}…`);
}
