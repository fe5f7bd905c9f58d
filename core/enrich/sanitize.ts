// Model text becomes fixture text only as printable, single-line text: no control or formatting
// characters (terminal escapes, bidi overrides, zero-width characters), no lone surrogates, and
// whitespace collapsed to single spaces.

const WHITESPACE = /[\s\u0085\u180e\u200b\u2028\u2029\ufeff]+/gu;
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}]/gu;
/** Terminal escape sequences (CSI "ESC [ … m", OSC "ESC ] … BEL", and two-character ones) go whole. */
// eslint-disable-next-line no-control-regex -- matching control characters (ESC, BEL, CSI) is this pattern's job
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u009b[0-?]*[ -/]*[@-~]|\u001b[@-_]/g;

export function sanitizeText(s: string): string {
  // Lone surrogates ("\ud800" in JSON) cannot be encoded as UTF-8: drop them first.
  const wellFormed = s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "");
  return wellFormed.replace(ESCAPES, "").normalize("NFC").replace(WHITESPACE, " ").replace(INVISIBLE, "").replace(/ {2,}/g, " ").trim();
}

/** Every string inside a value, sanitised; other values as they are. */
export function sanitizeValue(v: unknown): unknown {
  if (typeof v === "string") return sanitizeText(v);
  if (Array.isArray(v)) return v.map(sanitizeValue);
  if (typeof v === "object" && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v))
      Object.defineProperty(out, k, { value: sanitizeValue(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}
