import type { UsageDashboard } from "@org/ai-usage-sdk";
import { formatInteger, formatUsd } from "../../text/format.js";
import { bar } from "./bar.js";
import { heading } from "./table.js";

const barWidth = 40;
const weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** One line per day of the window, oldest first: date, weekday, a bar of the cost, cost, requests. */
export function renderDailyChart(dashboard: UsageDashboard): string {
  const days = dashboard.daily_trend;
  const maximum = Math.max(0, ...days.map((day) => day.cost));
  const costs = days.map((day) => formatUsd(day.cost));
  const requests = days.map((day) => formatInteger(day.requests));
  const costWidth = Math.max(...costs.map((text) => text.length));
  const requestWidth = Math.max(...requests.map((text) => text.length));
  const lines = days.map((day, index) => {
    const weekday = weekdays[new Date(`${day.date}T00:00:00Z`).getUTCDay()];
    return `${day.date} ${weekday} ${bar(day.cost, maximum, barWidth).padEnd(barWidth)} ${costs[index]!.padStart(costWidth)}  ${requests[index]!.padStart(requestWidth)} requests`;
  });
  const lastDay = days[days.length - 1];
  const note =
    lastDay !== undefined && lastDay.requests === 0
      ? "(No usage yet today: the demo data ends at the start of the current UTC day.)"
      : undefined;
  return [heading("Daily cost"), ...lines, ...(note ? [note] : [])].join("\n");
}
