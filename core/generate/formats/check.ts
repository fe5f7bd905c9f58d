// Whether a string is of a format, as the validator judges it (ajv-formats' full mode): for strings
// drawn from a pattern next to a format, which the pattern alone does not keep inside the format.
import { fullFormats } from "ajv-formats/dist/formats";

type FormatEntry = RegExp | ((s: string) => boolean) | { validate?: unknown; type?: string };

const tests = new Map<string, ((s: string) => boolean) | undefined>();

/** The validator's test for `format`, or undefined for a format it does not check on strings. */
export function formatTest(format: string): ((s: string) => boolean) | undefined {
  if (tests.has(format)) return tests.get(format);
  const entry = (fullFormats as Record<string, FormatEntry | undefined>)[format];
  let test: ((s: string) => boolean) | undefined;
  const validate =
    entry instanceof RegExp || typeof entry === "function"
      ? entry
      : entry?.type === "string" || entry?.type === undefined
        ? entry?.validate
        : undefined;
  if (validate instanceof RegExp) test = (s) => validate.test(s);
  else if (typeof validate === "function") test = (s) => Boolean((validate as (s: string) => unknown)(s));
  tests.set(format, test);
  return test;
}
