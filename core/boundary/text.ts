// Text that code under test often gets wrong, for strings whose schema allows any text: a
// character outside the Basic Multilingual Plane (a surrogate pair in UTF-16), a combining mark,
// right-to-left script. A string has one when it holds such a character anywhere.

export type SpecialText = "astral" | "combining" | "right-to-left";

export const SPECIAL_TEXTS: readonly SpecialText[] = ["astral", "combining", "right-to-left"];

/** The characters each kind of text starts with (longest first; shorter ones fit a small maxLength). */
const SAMPLES: Record<SpecialText, string[]> = {
  // U+1D11E MUSICAL SYMBOL G CLEF: one code point, two UTF-16 units.
  astral: ["\u{1d11e}"],
  // "é" as e + U+0301 COMBINING ACUTE ACCENT, or the mark alone.
  combining: ["e\u0301", "\u0301"],
  // Hebrew "shalom", or its first letter.
  "right-to-left": ["\u05e9\u05dc\u05d5\u05dd", "\u05e9"],
};

const TESTS: Record<SpecialText, RegExp> = {
  astral: /[\u{10000}-\u{10ffff}]/u,
  combining: /\p{M}/u,
  // Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms; the RTL planes of the SMP.
  "right-to-left": /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u,
};

export function hasSpecialText(kind: SpecialText, s: string): boolean {
  return TESTS[kind].test(s);
}

/**
 * A string of `kind` whose length in code points (as JSON Schema counts it) is within
 * [min, max]: the sample, then the characters of `current`, cut to `max`, padded with "a" to `min`.
 * undefined when no sample fits.
 */
export function specialText(kind: SpecialText, current: string, min: number, max: number): string | undefined {
  const sample = SAMPLES[kind].find((s) => [...s].length <= max);
  if (sample === undefined) return undefined;
  const cps = [...sample, ...current].slice(0, Math.max(max, [...sample].length));
  while (cps.length < min) cps.push("a");
  const text = cps.slice(0, max).join("");
  return hasSpecialText(kind, text) ? text : undefined;
}
