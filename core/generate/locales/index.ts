// The locales generation speaks (--locale): en-US from SpecMint's own lists, the others from
// @faker-js/faker's data tables, loaded on first use from a bundle of their own (dist/locales.js)
// so that the default path never reads them.
import * as fs from "node:fs";
import * as path from "node:path";
import type { LocaleDefinition } from "@faker-js/faker";
import { SpecMintError } from "../../base/errors";
import { COUNTRIES } from "../data/countries";
import { EN_US } from "./enUS";
import { localeFromFaker } from "./fromFaker";
import type { Country, LocaleData } from "./types";

export type { Country, LocaleData, Place } from "./types";

export const DEFAULT_LOCALE = "en-US";
export const LOCALES: readonly string[] = ["en-US", "de-DE", "fr-FR", "es-ES", "pt-BR", "ja-JP"];

export function isLocale(v: unknown): v is string {
  return typeof v === "string" && LOCALES.includes(v);
}

/** The countries table, parsed: name, code, currency and locale of each. */
export const COUNTRY_TABLE: readonly Country[] = COUNTRIES.map((line) => {
  const [name, code, currency, locale] = line.split("|");
  return { name, code, currency, locale };
});

// Where the faker tables are: dist/locales.js beside the running bundle, or (from source: tests,
// tsx) the module that bundle is built from. A variable, so that esbuild leaves the require alone.
const FROM_SOURCE = ["./fakerTables"];

function fakerDefinitions(): Readonly<Record<string, LocaleDefinition>> {
  const bundled = path.join(__dirname, "locales.js");
  const target = fs.existsSync(bundled) ? bundled : FROM_SOURCE[0];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose (see above)
  return (require(target) as { FAKER_LOCALES: Readonly<Record<string, LocaleDefinition>> }).FAKER_LOCALES;
}

const loaded = new Map<string, LocaleData>([[DEFAULT_LOCALE, EN_US]]);

/** The data of a locale; throws SpecMintError("usage") naming the locales for an unknown one. */
export function localeData(tag: string): LocaleData {
  const known = loaded.get(tag);
  if (known) return known;
  if (!isLocale(tag)) throw new SpecMintError("usage", `unknown locale ${JSON.stringify(tag)}; locales: ${LOCALES.join(", ")}`);
  const def = fakerDefinitions()[tag];
  const country = COUNTRY_TABLE.find((c) => c.locale === tag);
  if (!def || !country) throw new Error(`the data of locale ${tag} is missing`);
  const data = localeFromFaker(tag, country, def);
  loaded.set(tag, data);
  return data;
}
