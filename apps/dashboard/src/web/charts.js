// @ts-check
// Charts as plain inline SVG, drawn at the container's real pixel width so text keeps its size.
// Colours come from classes in styles.css; every mark carries a <title> so hovering tells the value.
import { s } from "./dom.js";
import { formatCountAxis, formatCountOf, formatShortDate, formatUsd, formatUsdAxis } from "./format.js";

/**
 * `intervals + 1` round tick values from 0 up to at least `max`, in steps of 1, 2, 2.5 or 5 times a
 * power of ten. Both axes of a chart use the same number of intervals, so their gridlines coincide.
 * @param {number} max
 * @param {number} intervals
 * @returns {number[]}
 */
export function niceTicks(max, intervals) {
  const rough = max > 0 ? max / intervals : 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= rough * (1 - 1e-9)) ?? 10) * power;
  return Array.from({ length: intervals + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/**
 * Daily cost (bars, left axis) and requests (line, right axis).
 * @param {{ date: string, cost: number, requests: number }[]} days
 * @param {number} width
 */
export function dailyCostChart(days, width) {
  const height = 260;
  const margin = { top: 14, right: 52, bottom: 28, left: 60 };
  const plotWidth = Math.max(width - margin.left - margin.right, 10);
  const plotHeight = height - margin.top - margin.bottom;
  const costTicks = niceTicks(Math.max(...days.map((d) => d.cost)), 4);
  // Requests share the cost axis' gridlines; a line at 1.5 requests gets no label.
  const requestTicks = niceTicks(Math.max(...days.map((d) => d.requests)), 4);
  const costMax = costTicks.at(-1) ?? 1;
  const requestMax = requestTicks.at(-1) ?? 1;
  const slot = plotWidth / Math.max(days.length, 1);
  const barWidth = Math.max(Math.min(slot * 0.7, 28), 1);
  /** @param {number} i */
  const centre = (i) => margin.left + slot * (i + 0.5);
  /** @param {number} value */
  const yCost = (value) => margin.top + plotHeight * (1 - value / costMax);
  /** @param {number} value */
  const yRequests = (value) => margin.top + plotHeight * (1 - value / requestMax);
  const labelEvery = Math.ceil(days.length / Math.max(Math.floor(plotWidth / 64), 1));

  const grid = costTicks.map((tick, i) =>
    s(
      "g",
      {},
      s("line", {
        class: "gridline",
        x1: margin.left,
        x2: margin.left + plotWidth,
        y1: yCost(tick),
        y2: yCost(tick),
      }),
      s(
        "text",
        { class: "axis", x: margin.left - 8, y: yCost(tick) + 4, "text-anchor": "end" },
        formatUsdAxis(tick),
      ),
      Number.isInteger(requestTicks[i])
        ? s(
            "text",
            { class: "axis", x: margin.left + plotWidth + 8, y: yCost(tick) + 4 },
            formatCountAxis(requestTicks[i] ?? 0),
          )
        : null,
    ),
  );
  const bars = days.map((day, i) =>
    s(
      "g",
      { class: "day" },
      s("rect", {
        class: "hover-band",
        x: centre(i) - slot / 2,
        y: margin.top,
        width: slot,
        height: plotHeight,
      }),
      s("rect", {
        class: "bar cost",
        x: centre(i) - barWidth / 2,
        y: yCost(day.cost),
        width: barWidth,
        height: Math.max(plotHeight - (yCost(day.cost) - margin.top), 0),
        rx: Math.min(3, barWidth / 3),
      }),
      s(
        "title",
        {},
        `${formatShortDate(day.date)}: ${formatUsd(day.cost)} · ${formatCountOf(day.requests, "request")}`,
      ),
    ),
  );
  const linePoints = days.map((day, i) => `${centre(i)},${yRequests(day.requests)}`).join(" ");
  const dots =
    days.length <= 31
      ? days.map((day, i) =>
          s("circle", { class: "dot requests", cx: centre(i), cy: yRequests(day.requests), r: 3 }),
        )
      : [];
  const labels = days.map((day, i) =>
    (days.length - 1 - i) % labelEvery === 0
      ? s(
          "text",
          { class: "axis", x: centre(i), y: height - 8, "text-anchor": "middle" },
          formatShortDate(day.date),
        )
      : null,
  );

  return s(
    "svg",
    {
      class: "chart",
      width,
      height,
      viewBox: `0 0 ${width} ${height}`,
      role: "img",
      "aria-label": "Daily cost and requests",
    },
    grid,
    bars,
    s("polyline", { class: "line requests", points: linePoints }),
    dots,
    labels,
  );
}

/**
 * Horizontal bars, largest first: a label, the bar, and the value (plus an optional note) at the end.
 * @param {{ label: string, value: number, valueText: string, note?: string, muted?: boolean }[]} items
 * @param {number} width
 */
export function barList(items, width) {
  const rowHeight = 34;
  const labelWidth = Math.min(Math.max(width * 0.34, 110), 220);
  const valueWidth = 96;
  const barSpace = Math.max(width - labelWidth - valueWidth - 16, 20);
  const max = Math.max(...items.map((item) => item.value), 0);
  const maxChars = Math.floor(labelWidth / 7.2);
  const rows = items.map((item, i) => {
    const y = i * rowHeight;
    const barLength = max > 0 ? Math.max((item.value / max) * barSpace, item.value > 0 ? 2 : 0) : 0;
    const label = item.label.length > maxChars ? `${item.label.slice(0, maxChars - 1)}…` : item.label;
    return s(
      "g",
      { class: item.muted ? "bar-row muted" : "bar-row" },
      s("text", { class: "label", x: 0, y: y + 15 }, label),
      item.note ? s("text", { class: "note", x: 0, y: y + 29 }, item.note) : null,
      s("rect", { class: "track", x: labelWidth, y: y + 7, width: barSpace, height: 14, rx: 3 }),
      s("rect", { class: "bar", x: labelWidth, y: y + 7, width: barLength, height: 14, rx: 3 }),
      s("text", { class: "value", x: width, y: y + 19, "text-anchor": "end" }, item.valueText),
      s("title", {}, `${item.label}: ${item.valueText}${item.note ? ` (${item.note})` : ""}`),
    );
  });
  const height = Math.max(items.length * rowHeight, rowHeight);
  return s(
    "svg",
    { class: "chart bars", width, height, viewBox: `0 0 ${width} ${height}`, role: "img" },
    rows,
  );
}

/**
 * One bar split into parts (e.g. what the spend went on), with each part's share.
 * @param {{ label: string, value: number, className: string }[]} parts
 * @param {number} width
 */
export function stackedBar(parts, width) {
  const total = parts.reduce((sum, part) => sum + part.value, 0);
  let x = 0;
  const segments = parts.map((part) => {
    const segmentWidth = total > 0 ? (part.value / total) * width : 0;
    const segment = s(
      "rect",
      { class: `segment ${part.className}`, x, y: 0, width: segmentWidth, height: 18 },
      s("title", {}, `${part.label}: ${formatUsd(part.value)}`),
    );
    x += segmentWidth;
    return segment;
  });
  return s(
    "svg",
    { class: "chart stacked", width, height: 18, viewBox: `0 0 ${width} 18`, role: "img" },
    segments,
  );
}
