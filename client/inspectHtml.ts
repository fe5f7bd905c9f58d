// The Inspect Dataset view's page: one table row per field with two charts drawn in SVG, a histogram
// of its numbers, lengths or dates and bars for its top values. The webview's CSP admits only the
// nonce'd stylesheet, so there is no style= attribute anywhere (the browser drops them: that left the
// old CSS bars 0 px tall). Sizes are SVG geometry attributes (width, height, x, y), which are not
// styles; colours are classes whose rules read the theme's --vscode-charts-* variables, so the charts
// follow dark and light themes; high-contrast ones (whose chart colours are the dark and light ones)
// draw bars in the foreground colour, the most contrast there is. The page runs no script, so the CSP
// allows none. Pure: no vscode import, so unit tests build the page.
import type { DatasetStats } from "../common/protocol";

type FieldStats = DatasetStats["fields"][number];
type HistogramBin = FieldStats["histogram"][number];

/** The histogram's drawing height in px: a bar is count / (largest count) of it. */
export const HISTOGRAM_HEIGHT = 48;
/** The bins the server makes (core/validate HISTOGRAM_BINS). */
const HISTOGRAM_BINS = 10;
/** The space between two histogram bars, as a share of a bar's slot. */
const BIN_GAP = 0.15;
/** Height of one top-value bar in px. */
const TOP_BAR_HEIGHT = 10;
const DAY_MS = 86_400_000;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function short(v: unknown, n = 28): string {
  const s = typeof v === "string" ? v : (JSON.stringify(v) ?? String(v));
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** A number as a person reads it: integers whole, others to 2 decimals (3 significant digits below 1). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? "∞" : x < 0 ? "−∞" : "NaN";
  if (Number.isInteger(x)) return String(x);
  const s = Math.abs(x) >= 1 ? x.toFixed(2) : x.toPrecision(3);
  return s.includes("e") ? s : s.replace(/\.?0+$/, "");
}

/**
 * Milliseconds since 1970 as an ISO 8601 date in UTC: `2024-03-01` for a whole day of a `date` field,
 * else `2024-03-01T14:05Z` (seconds and milliseconds only when there are some).
 */
export function formatDate(ms: number, format?: string): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return formatNumber(ms);
  const iso = new Date(ms).toISOString();
  if (format === "date" && ms % DAY_MS === 0) return iso.slice(0, 10);
  return iso.replace(/(:00)?\.000Z$/, "Z");
}

/** What a field's measure counts in: "characters" of strings, "items" of arrays ("item" after a 1). */
function lengthUnit(f: FieldStats, amount?: string): string {
  const strings = (f.types.string ?? 0) > 0;
  const arrays = (f.types.array ?? 0) > 0;
  const unit = strings && !arrays ? "character" : arrays && !strings ? "item" : "length";
  return amount === "1" || unit === "length" ? unit : `${unit}s`;
}

/** One value of the field's measure as text: a date, a length or a number. */
function measureText(f: FieldStats, x: number): string {
  if (f.measure === "date") return formatDate(x, f.format);
  return formatNumber(x);
}

/**
 * The step between a field's possible values, for fields that take whole steps: lengths and integers
 * by 1, `date` dates by a day. A bin then reads as the values it can hold ("3–4 characters"), not as
 * its fractional edges ("2.7–4.5").
 */
function stepOf(f: FieldStats): number | undefined {
  if (f.measure === "length") return 1;
  if (f.measure === "date") return f.format === "date" ? DAY_MS : undefined;
  const numeric = Object.entries(f.types).filter(([t, n]) => n > 0 && t !== "null");
  return numeric.length > 0 && numeric.every(([t]) => t === "integer") ? 1 : undefined;
}

/**
 * The values a bin can hold, for a field with a step: `from` ≤ x < `to` (the last bin up to `to`
 * inclusive) in whole steps; `lo` > `hi` when it can hold none (bins narrower than the step).
 */
function binValues(step: number, bin: HistogramBin, last: boolean): { lo: number; hi: number } {
  // A small tolerance: the bins' edges are computed in floating point (2.9999999 is the edge 3).
  const lo = Math.ceil(bin.from / step - 1e-9) * step;
  const hi = (last ? Math.floor(bin.to / step + 1e-9) : Math.ceil(bin.to / step - 1e-9) - 1) * step;
  return { lo, hi };
}

/** A bin's range as text: the values it holds ("3 – 4" characters), else its edges. */
function binRange(f: FieldStats, bin: HistogramBin, last: boolean): string {
  const step = stepOf(f);
  if (step !== undefined && Number.isFinite(bin.from) && Number.isFinite(bin.to)) {
    const { lo, hi } = binValues(step, bin, last);
    if (lo === hi) return measureText(f, lo);
    if (lo < hi) return `${measureText(f, lo)} – ${measureText(f, hi)}`;
  }
  return `${measureText(f, bin.from)} – ${measureText(f, bin.to)}`;
}

/**
 * The bins to draw: all, except for a field with a step those that can hold no value (lengths 3 to 4
 * in 10 bins leave 8 bins between 3 and 4 that are empty by construction): one bar per value then.
 */
export function drawnBins(f: FieldStats): { bin: HistogramBin; last: boolean }[] {
  const step = stepOf(f);
  const all = f.histogram.map((bin, k) => ({ bin, last: k === f.histogram.length - 1 }));
  if (step === undefined) return all;
  return all.filter(({ bin, last }) => {
    if (!Number.isFinite(bin.from) || !Number.isFinite(bin.to) || bin.count > 0) return true;
    const { lo, hi } = binValues(step, bin, last);
    return lo <= hi;
  });
}

/** A bar's height in px: in proportion to its count, and at least 1 px when the count is not 0. */
function barHeight(count: number, peak: number): number {
  if (count <= 0 || peak <= 0) return 0;
  return Math.max(1, Math.round(((HISTOGRAM_HEIGHT * count) / peak) * 100) / 100);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Where bar k of n stands, in percent of the chart's width: n bars share it; a lone bar is one bin wide, centred. */
function slot(k: number, n: number): { x: number; width: number } {
  const width = n === 1 ? 100 / HISTOGRAM_BINS : 100 / n;
  const start = n === 1 ? (100 - width) / 2 : k * width;
  const gap = width * BIN_GAP;
  return { x: round(start + gap / 2), width: round(width - gap) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * The histogram: one bar per bin with its range and count as the tooltip, min and max under it.
 * Widths and x are percentages of the column (SVG lengths, not styles), heights are px.
 */
function histogramSvg(f: FieldStats): string {
  const bins = drawnBins(f);
  if (!bins.length || !f.measure) return "";
  const peak = Math.max(...bins.map((b) => b.bin.count));
  const columns = bins.map(({ bin, last }, k) => {
    const h = barHeight(bin.count, peak);
    const { x, width } = slot(k, bins.length);
    const range = binRange(f, bin, last);
    const tip = `${range}${f.measure === "length" ? ` ${lengthUnit(f, range)}` : ""}: ${plural(bin.count, "value", "values")}`;
    // The full-height rect under the bar catches the pointer, so that low bars show their tooltip too.
    return `<g class="bin"><title>${esc(tip)}</title><rect class="hit" x="${x}%" y="0" width="${width}%" height="${HISTOGRAM_HEIGHT}"/><rect class="bar" x="${x}%" y="${round(HISTOGRAM_HEIGHT - h)}" width="${width}%" height="${h}"/></g>`;
  });
  const from = measureText(f, f.histogram[0].from);
  const to = measureText(f, f.histogram[f.histogram.length - 1].to);
  return `<svg class="hist" data-measure="${f.measure}" role="img" aria-label="${esc(`histogram of ${f.path}`)}" width="100%" height="${HISTOGRAM_HEIGHT}">${columns.join("")}<line class="baseline" x1="0" y1="${HISTOGRAM_HEIGHT - 0.5}" x2="100%" y2="${HISTOGRAM_HEIGHT - 0.5}"/></svg>
<div class="axis${from === to ? " single" : ""}"><span class="from">${esc(from)}</span>${from === to ? "" : `<span class="to">${esc(to)}</span>`}</div>`;
}

/** The top values: a bar each, its length the value's share of the field's occurrences. */
function topValues(f: FieldStats): string {
  if (!f.top.length) return "";
  const rows = f.top.map((t) => {
    const share = f.present ? t.count / f.present : 0;
    const pct = Math.round(share * 10_000) / 100;
    const tip = `${JSON.stringify(t.value) ?? String(t.value)}: ${t.count} of ${f.present} (${formatNumber(pct)}%)`;
    return `<code class="value">${esc(short(t.value))}</code><svg class="share" role="img" aria-label="${esc(tip)}" width="100%" height="${TOP_BAR_HEIGHT}"><title>${esc(tip)}</title><rect class="track" width="100%" height="${TOP_BAR_HEIGHT}"/><rect class="bar" width="${pct}%" height="${TOP_BAR_HEIGHT}"/></svg><span class="count">${t.count}</span>`;
  });
  return `<div class="top">${rows.join("")}</div>`;
}

/** The range cell: min … max and the mean, as dates, lengths or numbers. */
function rangeCell(f: FieldStats): string {
  if (!f.measure || f.min === undefined || f.max === undefined) return "";
  if (f.measure === "date") {
    const mean = f.mean === undefined ? undefined : f.format === "date" ? Math.round(f.mean / DAY_MS) * DAY_MS : f.mean;
    return `<span class="date">${esc(formatDate(f.min, f.format))}</span> …<br><span class="date">${esc(formatDate(f.max, f.format))}</span>${
      mean === undefined ? "" : `<br><span class="dim">mean ${esc(formatDate(mean, f.format))}</span>`
    }`;
  }
  const unit = f.measure === "length" ? ` ${lengthUnit(f, f.min === f.max ? formatNumber(f.max) : undefined)}` : "";
  return `${esc(formatNumber(f.min))} … ${esc(formatNumber(f.max))}${unit}${
    f.mean === undefined ? "" : `<br><span class="dim">mean ${esc(formatNumber(f.mean))}</span>`
  }`;
}

function fieldRow(f: FieldStats): string {
  const types = Object.entries(f.types)
    .sort((a, b) => b[1] - a[1])
    .map(([t, n]) => `${esc(t)} <span class="dim">${n}</span>`)
    .join(", ");
  return `<tr data-path="${esc(f.path)}">
  <td class="field" data-label="field"><code>${esc(f.path)}</code>${f.declared === false ? ' <span class="dim">(undeclared)</span>' : ""}</td>
  <td data-label="types">${types}</td>
  <td class="num" data-label="null">${(100 * f.nullRate).toFixed(1)}%</td>
  <td class="num" data-label="distinct">${f.cardinality}${f.cardinalityCapped ? "+" : ""}</td>
  <td class="range" data-label="min … max">${rangeCell(f)}</td>
  <td class="chart" data-label="top values">${topValues(f)}</td>
  <td class="chart" data-label="histogram">${histogramSvg(f)}</td>
</tr>`;
}

/**
 * Below this width (a column beside an editor) a row becomes a card: the figures side by side, the
 * charts under them at the card's full width. Wider, the table shows every column.
 */
const CARD_BELOW_PX = 860;

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 16px; }
h1 { font-size: 1.2em; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--vscode-panel-border); }
th { color: var(--vscode-descriptionForeground); font-weight: 600; position: sticky; top: 0; background: var(--vscode-editor-background); z-index: 1; }
.num { text-align: right; white-space: nowrap; }
.range { white-space: nowrap; }
.dim { color: var(--vscode-descriptionForeground); }
code { font-family: var(--vscode-editor-font-family); color: var(--vscode-textPreformat-foreground); }
td.chart { width: 24%; min-width: 150px; }
svg { display: block; overflow: visible; }
.bar { fill: var(--vscode-charts-blue); }
.share .bar { fill: var(--vscode-charts-purple); }
.hit { fill: transparent; }
.bin:hover .hit { fill: var(--vscode-list-hoverBackground); }
.bin:hover .bar { fill: var(--vscode-charts-orange); }
.track { fill: var(--vscode-charts-lines); fill-opacity: 0.25; }
.baseline { stroke: var(--vscode-charts-lines); stroke-width: 1px; }
body.vscode-high-contrast .bar { fill: var(--vscode-charts-foreground); }
body.vscode-high-contrast .track { fill: none; stroke: var(--vscode-contrastBorder); stroke-width: 1px; }
body.vscode-high-contrast .bin:hover .bar { fill: var(--vscode-charts-orange); }
.axis { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 8px; white-space: nowrap; font-size: 0.85em; color: var(--vscode-descriptionForeground); margin-top: 2px; }
.axis .to { margin-left: auto; }
.axis.single { justify-content: center; }
.top { display: grid; grid-template-columns: minmax(3em, max-content) minmax(40px, 1fr) auto; gap: 2px 6px; align-items: center; }
.top .value { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 14em; }
.top .count { color: var(--vscode-descriptionForeground); text-align: right; }
@media (max-width: ${CARD_BELOW_PX}px) {
  thead { display: none; }
  table, tbody, tr, td { display: block; width: auto; }
  tr { display: grid; grid-template-columns: repeat(auto-fill, minmax(8em, 1fr)); gap: 4px 12px; padding: 8px 0; border-bottom: 1px solid var(--vscode-panel-border); }
  td { border: none; padding: 2px 0; min-width: 0; }
  td.num { text-align: left; }
  td.field, td.chart { grid-column: 1 / -1; width: auto; min-width: 0; }
  td:empty { display: none; }
  td.range { grid-column: span 2; white-space: normal; }
  td.field { font-weight: 600; }
  td[data-label]:not(.field)::before { content: attr(data-label); display: block; font-size: 0.85em; color: var(--vscode-descriptionForeground); }
}
`;

export function statsHtml(stats: DatasetStats, title: string, cspSource: string, nonce: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">${STYLE}</style></head>
<body>
<h1>${esc(title)}</h1>
<p class="dim" id="summary">${plural(stats.records, "record", "records")}, ${plural(stats.fields.length, "field", "fields")}</p>
<table id="fields"><thead><tr><th>field</th><th>types</th><th class="num">null</th><th class="num">distinct</th><th>min … max</th><th>top values</th><th>histogram</th></tr></thead>
<tbody>
${stats.fields.map(fieldRow).join("\n")}
</tbody></table>
</body></html>`;
}
