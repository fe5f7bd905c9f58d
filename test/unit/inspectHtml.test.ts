// The Inspect Dataset page (client/inspectHtml.ts) from the engine's own statistics: nothing the
// webview's CSP would drop (no style= attribute, no script), histogram bars whose heights are in
// proportion to the bins' counts, top-value bars in proportion to their counts, and values shown as
// what they are: dates as ISO dates in UTC, lengths as characters or items, numbers as numbers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { datasetStats } from "../../core/validate";
import { loadSchemaText } from "../../core/schema";
import { statsHtml, drawnBins, formatDate, formatNumber, HISTOGRAM_HEIGHT } from "../../client/inspectHtml";

/** `amount` spans 0…100: 10 bins 10 wide holding 5, 3, 1, 0, 2, 0, 0, 4, 0, 1 values. */
const AMOUNTS = [0, 2.5, 4, 6.75, 8.2, 12, 14.5, 16, 25, 41, 47.9, 72, 74.25, 75, 78, 100];
const PLANS = ["pro", "free", "pro", "team", "pro", "free", "pro", null, "free", "pro", "team", "free", "pro", "team", "free", "pro"];
const records = AMOUNTS.map((amount, k) => ({
  amount,
  plan: PLANS[k],
  name: ["Ann", "Bea", "Cyd", "Dora"][k % 4],
  created: new Date(Date.UTC(2024, 0, 3) + k * 23 * 86_400_000).toISOString().slice(0, 10),
  // 2024-01-01T10:30:00Z, then every 90 minutes, written with a +02:00 offset
  seen: new Date(Date.UTC(2024, 0, 1, 10, 30) + k * 90 * 60_000 + 2 * 3_600_000).toISOString().replace(".000Z", "+02:00"),
  tags: ["a", "b", "c"].slice(0, k % 4),
}));
const schema = loadSchemaText(
  JSON.stringify({
    type: "object",
    properties: {
      amount: { type: "number" },
      plan: { enum: ["free", "pro", "team", null] },
      name: { type: "string" },
      created: { type: "string", format: "date" },
      seen: { type: "string", format: "date-time" },
      tags: { type: "array", items: { type: "string" } },
    },
  }),
  undefined,
);
const stats = datasetStats(records, schema);
const html = statsHtml(stats, "data/orders.jsonl", "vscode-resource:", "TESTNONCE");

/** The markup of one field's table row. */
function rowOf(path: string): string {
  const start = html.indexOf(`<tr data-path="${path}">`);
  assert.ok(start >= 0, `no row for ${path}`);
  return html.slice(start, html.indexOf("</tr>", start));
}

/** The markup of every `<svg class="cls">` of a row. */
const charts = (row: string, cls: string) => [...row.matchAll(new RegExp(`<svg class="${cls}"[^]*?</svg>`, "g"))].map((m) => m[0]).join("");

/** The attributes of every `<rect class="bar">` in a row's charts of `cls`. */
const bars = (row: string, cls: string): Record<string, string>[] =>
  [...charts(row, cls).matchAll(/<rect class="bar"([^>]*)\/>/g)].map((m) =>
    Object.fromEntries([...m[1].matchAll(/(\w+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  );

/** The tooltips in a row's charts of `cls`, unescaped. */
const titles = (row: string, cls: string) =>
  [...charts(row, cls).matchAll(/<title>([^<]*)<\/title>/g)].map((m) =>
    m[1].replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c))),
  );

const texts = (row: string, cls: string) => [...row.matchAll(new RegExp(`<span class="${cls}">([^<]*)</span>`, "g"))].map((m) => m[1]);

test("nothing the CSP drops: no style= attribute, no script, styles only in the nonce'd stylesheet", () => {
  assert.doesNotMatch(html, /\sstyle\s*=/i);
  assert.doesNotMatch(html, /<script/i);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
  assert.equal(csp, "default-src 'none'; style-src vscode-resource: 'nonce-TESTNONCE';");
  assert.deepEqual(
    [...html.matchAll(/<style([^>]*)>/g)].map((m) => m[1]),
    [' nonce="TESTNONCE"'],
  );
});

test("histogram bars: heights in proportion to the bins' counts, each on the baseline, with range and count as tooltip", () => {
  const row = rowOf("/amount");
  const drawn = bars(row, "hist");
  const counts = [5, 3, 1, 0, 2, 0, 0, 4, 0, 1];
  assert.equal(drawn.length, counts.length);
  drawn.forEach((b, k) => {
    assert.ok(Math.abs(Number(b.height) - (HISTOGRAM_HEIGHT * counts[k]) / 5) < 0.01, `bar ${k}: ${b.height}`);
    assert.ok(Math.abs(Number(b.y) + Number(b.height) - HISTOGRAM_HEIGHT) < 0.01, `bar ${k} stands on the baseline`);
  });
  // Side by side across the column: x and width are percentages.
  assert.deepEqual(
    drawn.map((b) => Number.parseFloat(b.x)),
    counts.map((_, k) => 10 * k + 0.75),
  );
  assert.equal(titles(row, "hist")[0], "0 – 10: 5 values");
  assert.equal(titles(row, "hist")[2], "20 – 30: 1 value");
  assert.deepEqual(texts(row, "from").concat(texts(row, "to")), ["0", "100"]);
  assert.match(row, /^[^]*<td class="range"[^>]*>0 … 100<br><span class="dim">mean 36\.07<\/span>/);
});

test("top values: a bar each, its width the value's share of the field, with the count", () => {
  const row = rowOf("/plan");
  const widths = bars(row, "share").map((b) => b.width);
  assert.deepEqual(widths, ["43.75%", "31.25%", "18.75%", "6.25%"]); // pro 7, free 5, team 3, null 1 of 16
  assert.deepEqual(titles(row, "share"), [
    '"pro": 7 of 16 (43.75%)',
    '"free": 5 of 16 (31.25%)',
    '"team": 3 of 16 (18.75%)',
    "null: 1 of 16 (6.25%)",
  ]);
});

test("dates are ISO dates in UTC: the range, the axis and each bin in days", () => {
  const row = rowOf("/created");
  assert.match(row, /<svg class="hist" data-measure="date"/);
  assert.match(row, /<span class="date">2024-01-03<\/span> …<br><span class="date">2024-12-13<\/span>/);
  assert.deepEqual(texts(row, "from").concat(texts(row, "to")), ["2024-01-03", "2024-12-13"]);
  // 345 days in 10 bins of 34.5 days: the first holds the days 2024-01-03 … 2024-02-06 (2 orders).
  assert.equal(titles(row, "hist")[0], "2024-01-03 – 2024-02-06: 2 values");
  assert.ok(bars(row, "hist").every((b) => Number(b.height) > 0));
});

test("date-times are shown in UTC whatever offset they were written with", () => {
  const row = rowOf("/seen");
  // Written 2024-01-01T12:30:00+02:00 … : 10:30 UTC, 15 × 90 minutes on.
  assert.match(row, /<span class="date">2024-01-01T10:30Z<\/span> …<br><span class="date">2024-01-02T09:00Z<\/span>/);
  assert.deepEqual(texts(row, "from").concat(texts(row, "to")), ["2024-01-01T10:30Z", "2024-01-02T09:00Z"]);
});

test("lengths read as characters and items, one bar per length a field can have", () => {
  const name = rowOf("/name");
  assert.match(name, /3 … 4 characters/);
  // Lengths 3 and 4 in 10 bins: 8 bins between them can hold no length and are not drawn.
  assert.deepEqual(titles(name, "hist"), ["3 characters: 12 values", "4 characters: 4 values"]);
  assert.deepEqual(
    bars(name, "hist").map((b) => Number(b.height)),
    [HISTOGRAM_HEIGHT, HISTOGRAM_HEIGHT / 3],
  );
  const tags = rowOf("/tags");
  assert.match(tags, /0 … 3 items/);
  assert.deepEqual(titles(tags, "hist"), ["0 items: 4 values", "1 item: 4 values", "2 items: 4 values", "3 items: 4 values"]);
  const f = stats.fields.find((x) => x.path === "/name")!;
  assert.equal(f.histogram.length, 10);
  assert.equal(drawnBins(f).length, 2);
});

test("text from the data is escaped", () => {
  const hostile = datasetStats([{ "<b>x</b>": "<script>alert(1)</script>" }]);
  const page = statsHtml(hostile, "<img src=x>", "vscode-resource:", "N");
  assert.doesNotMatch(page, /<script|<img|<b>/);
  assert.match(page, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
});

test("numbers and dates as a person reads them", () => {
  assert.equal(formatNumber(12), "12");
  assert.equal(formatNumber(36.0625), "36.06");
  assert.equal(formatNumber(20.5), "20.5");
  assert.equal(formatNumber(0.000123456), "0.000123");
  assert.equal(formatNumber(-Infinity), "−∞");
  assert.equal(formatDate(Date.UTC(2024, 1, 29), "date"), "2024-02-29");
  assert.equal(formatDate(Date.UTC(2024, 1, 29, 13, 5), "date"), "2024-02-29T13:05Z");
  assert.equal(formatDate(Date.UTC(2024, 1, 29, 13, 5, 7), "date-time"), "2024-02-29T13:05:07Z");
  assert.equal(formatDate(Date.UTC(2024, 1, 29, 13, 5, 7, 250), "date-time"), "2024-02-29T13:05:07.250Z");
});
