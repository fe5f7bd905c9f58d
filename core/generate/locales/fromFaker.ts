// A LocaleData made from one of @faker-js/faker's locale definitions. Only its tables are read;
// every choice is a draw from our own seeded stream, and its templates ("{{person.lastName}}strasse",
// "(0###) #######") are filled here by a small reader of the few placeholders those tables use.
import type { LocaleDefinition } from "@faker-js/faker";
import type { Rng } from "../../base/rng";
import { asciiFold } from "./ascii";
import type { Country, LocaleData, Place } from "./types";

type Tables = Readonly<Record<string, readonly string[] | undefined>>;

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** Every string of a table that is a list or an object of lists (first_name.{female,male,generic}). */
function flat(v: unknown): string[] {
  if (Array.isArray(v)) return list(v);
  if (v && typeof v === "object") return [...new Set(Object.values(v).flatMap(list))];
  return [];
}

/** "#" a digit, "!" a digit 2–9 (faker's replaceSymbols for numbers). */
function digits(rng: Rng, pattern: string): string {
  let out = "";
  for (const c of pattern) out += c === "#" ? String(rng.int(0, 9)) : c === "!" ? String(rng.int(2, 9)) : c;
  return out;
}

const NUMBER_INT = /^number\.int\(\s*(\{.*\})\s*\)$/;

/** Fills a template's {{section.name}} placeholders from `tables` (by name) or `fns` (computed). */
function fill(rng: Rng, template: string, tables: Tables, fns: Readonly<Record<string, (r: Rng) => string>>, depth = 0): string {
  return template.replace(/\{\{([^}]+)\}\}/g, (_, ref: string) => {
    const key = ref.trim();
    const fn = fns[key];
    if (fn) return fn(rng);
    const m = NUMBER_INT.exec(key);
    if (m) {
      const { min = 0, max = 9 } = JSON.parse(m[1]) as { min?: number; max?: number };
      return String(rng.int(min, max));
    }
    const t = tables[key];
    if (t && t.length && depth < 4) return fill(rng, rng.pick(t), tables, fns, depth + 1);
    return "";
  });
}

export function localeFromFaker(tag: string, country: Country, def: LocaleDefinition): LocaleData {
  const person = (def.person ?? {}) as Record<string, unknown>;
  const loc = (def.location ?? {}) as Record<string, unknown>;
  const phone = (def.phone_number ?? {}) as Record<string, unknown>;
  const firstNames = flat(person.first_name);
  const lastNames = flat(person.last_name);
  const tables: Record<string, readonly string[]> = {};
  for (const [k, v] of Object.entries(loc)) if (Array.isArray(v)) tables[`location.${k}`] = list(v);
  const fns: Record<string, (r: Rng) => string> = {
    "person.firstName": (r) => r.pick(firstNames),
    "person.lastName": (r) => r.pick(lastNames),
    "location.buildingNumber": (r) => digits(r, r.pick(tables["location.building_number"] ?? ["##"])),
  };
  const cities = list(loc.city_name);
  const cityPatterns = list(loc.city_pattern);
  const regions = list(loc.state);
  const codes = list(loc.state_abbr);
  const postcodes = list(loc.postcode).length ? list(loc.postcode) : ["#####"];
  const formats = phone.format as Record<string, unknown> | undefined;
  const phones = list(formats?.human).length ? list(formats?.human) : list(formats?.national);
  const international = list(formats?.international);
  const streetPatterns = list(loc.street_pattern);
  const addressTemplate =
    loc.street_address && typeof loc.street_address === "object" && typeof (loc.street_address as { normal?: unknown }).normal === "string"
      ? (loc.street_address as { normal: string }).normal
      : "{{location.buildingNumber}} {{location.street}}";
  return {
    tag,
    country,
    firstNames,
    lastNames,
    familyNameFirst: tag === "ja-JP",
    asciiFirst: firstNames.map(asciiFold),
    asciiLast: lastNames.map(asciiFold),
    place(rng: Rng): Place {
      // Real city names where the locale lists them, else names made by its own patterns.
      const city = cities.length ? rng.pick(cities) : fill(rng, rng.pick(cityPatterns), tables, fns);
      const r = regions.length ? rng.int(0, regions.length - 1) : -1;
      const region = r >= 0 ? regions[r] : "";
      const regionCode = r >= 0 && codes.length === regions.length ? codes[r] : region;
      const postalCodes = [digits(rng, rng.pick(postcodes))];
      const local = digits(rng, rng.pick(phones));
      return {
        city,
        region,
        regionCode,
        postalCodes,
        phones: [local, international.length ? digits(rng, rng.pick(international)) : local],
      };
    },
    street: (rng) => fill(rng, rng.pick(streetPatterns), tables, fns).trim(),
    streetAddress: (rng, street) => fill(rng, addressTemplate, tables, { ...fns, "location.street": () => street }).trim(),
  };
}
