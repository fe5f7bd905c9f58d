// Coherent values (issue 14): the fields of a group agree within an object — a person's names, user
// name and e-mail address; a place's city, state, postal code and phone; a country's code, currency
// and locale; a company and its domains — and only they: editing any other property changes nothing.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as path from "node:path";
import { readFileSync } from "node:fs";
import { de, es, fr, ja, pt_BR, type LocaleDefinition } from "@faker-js/faker";
import { loadSchemaFile, loadSchemaText } from "../../core/schema/load";
import { Generator } from "../../core/engine/generator";
import { SpecMintError } from "../../core/base/errors";
import { US_PLACES, US_STATES } from "../../core/generate/data/usPlaces";
import { COMPANIES } from "../../core/generate/data/companies";
import { COUNTRY_TABLE, LOCALES } from "../../core/generate/locales";
import { asciiFold } from "../../core/generate/locales/ascii";

const EXAMPLES = path.resolve(__dirname, "../../examples");
type Obj = Record<string, unknown>;

function records(schema: object | string, count: number, options: { seed?: number; locale?: string } = {}): Obj[] {
  const loaded = typeof schema === "string" ? loadSchemaFile(schema) : loadSchemaText(JSON.stringify(schema), "coherence.schema.json");
  const g = new Generator(loaded, { seed: options.seed ?? 3, locale: options.locale });
  const out: Obj[] = [];
  for (let i = 1; i <= count; i++) out.push(g.record(i) as Obj);
  return out;
}

/** City|ST|ZIP3 of every curated en-US place. */
const TRIPLES = new Set(US_PLACES.map((line) => line.split("|").slice(0, 3).join("|")));

function assertCuratedPlace(a: Obj, where: string): void {
  const zip = String(a.zip);
  const triple = `${String(a.city)}|${String(a.state)}|${zip.slice(0, 3)}`;
  assert.ok(TRIPLES.has(triple), `${where}: ${triple} is not a curated city/state/ZIP prefix`);
}

/** Whether an e-mail local part is made from the person's first and last names (any style). */
function fromName(email: string, first: string, last: string): boolean {
  const local = email.slice(0, email.indexOf("@"));
  const f = asciiFold(first),
    l = asciiFold(last);
  return local.startsWith(f) || local.includes(l) || local.startsWith(l) || local === f[0] + l[0];
}

test("the curated en-US list has at least 300 distinct city/state/postal-code combinations, each state real", () => {
  assert.ok(TRIPLES.size >= 300, `${TRIPLES.size} combinations`);
  for (const line of US_PLACES) {
    const [city, state, zip3, area] = line.split("|");
    assert.ok(city.length > 0 && state in US_STATES, line);
    assert.match(zip3, /^\d{3}$/, line);
    assert.match(area, /^[2-9]\d\d$/, line);
  }
});

test("every curated company has a reserved domain (.example or .test)", () => {
  for (const line of COMPANIES) assert.match(line.split("|")[1], /^[a-z0-9-]+\.(example|test)$/, line);
});

test("user-profile, 1,000 records: every e-mail is made from the record's name, every city/state/ZIP is a curated place", () => {
  const schema = JSON.parse(readFileSync(path.join(EXAMPLES, "user-profile.schema.json"), "utf8")) as {
    properties: Record<string, { pattern?: string }>;
  };
  // The example's e-mail has no pattern; were there one, a value it forbids would be drawn on its own.
  assert.equal(schema.properties.email.pattern, undefined);
  for (const [i, r] of records(path.join(EXAMPLES, "user-profile.schema.json"), 1000, { seed: 42 }).entries()) {
    const [email, first, last] = [String(r.email), String(r.first_name), String(r.last_name)];
    assert.ok(fromName(email, first, last), `record ${i + 1}: ${email} for ${first} ${last}`);
    assertCuratedPlace(r.address as Obj, `record ${i + 1}`);
  }
});

test("healthcare-claim, 1,000 records: the provider's and the patient's city/state/ZIP are curated places", () => {
  let differ = 0;
  for (const [i, r] of records(path.join(EXAMPLES, "healthcare-claim.schema.json"), 1000, { seed: 42 }).entries()) {
    const provider = (r.billing_provider as Obj).address as Obj;
    const patient = (r.patient as Obj).address as Obj;
    assertCuratedPlace(provider, `record ${i + 1} billing_provider`);
    assertCuratedPlace(patient, `record ${i + 1} patient`);
    if (provider.city !== patient.city) differ++;
  }
  // The provider and the patient are two objects, each somewhere of its own.
  assert.ok(differ > 900, `${differ} of 1,000 records have provider and patient in different cities`);
});

test("changing an unrelated property's schema leaves every other value byte-identical, grouped fields included", () => {
  for (const [file, edited] of [
    ["user-profile.schema.json", "age"],
    ["user-profile.schema.json", "interests"],
    ["healthcare-claim.schema.json", "place_of_service"],
  ]) {
    const schema = JSON.parse(readFileSync(path.join(EXAMPLES, file), "utf8")) as { properties: Record<string, unknown> };
    const changed = structuredClone(schema);
    changed.properties[edited] = { type: "string", pattern: "^edited-[a-z]{3}$" };
    const a = records(schema, 300, { seed: 7 });
    const b = records(changed, 300, { seed: 7 });
    for (let i = 0; i < a.length; i++) {
      for (const p of Object.keys(schema.properties)) {
        if (p === edited) continue;
        assert.equal(JSON.stringify(b[i][p]), JSON.stringify(a[i][p]), `${file} record ${i + 1}: ${p} changed when ${edited} was edited`);
      }
    }
  }
});

test("a group member's schema edit moves nothing outside its group", () => {
  const base = {
    type: "object",
    required: ["first_name", "last_name", "email", "city", "state", "zip", "note"],
    properties: {
      first_name: { type: "string" },
      last_name: { type: "string" },
      email: { type: "string", format: "email" },
      city: { type: "string" },
      state: { type: "string" },
      zip: { type: "string" },
      note: { type: "string", maxLength: 20 },
    },
  };
  const edited = structuredClone(base);
  edited.properties.last_name = { type: "string", maxLength: 2 } as never;
  const a = records(base, 200);
  const b = records(edited, 200);
  for (let i = 0; i < a.length; i++)
    for (const p of ["first_name", "city", "state", "zip", "note"]) assert.equal(b[i][p], a[i][p], `record ${i + 1}: ${p}`);
});

test("a derived value the schema forbids falls back to an independent valid value", () => {
  const schema = {
    type: "object",
    required: ["first_name", "last_name", "email", "city"],
    properties: {
      first_name: { type: "string", minLength: 12, maxLength: 14 },
      last_name: { type: "string" },
      email: { type: "string", format: "email", pattern: "^user[0-9]+@example\\.com$" },
      city: { type: "string", maxLength: 4 },
    },
  };
  const loaded = loadSchemaText(JSON.stringify(schema), "fallback.schema.json");
  const g = new Generator(loaded, { seed: 5 });
  for (let i = 1; i <= 200; i++) {
    const r = g.record(i) as Obj;
    assert.deepEqual(g.check(r), [], `record ${i}`);
    assert.match(String(r.email), /^user[0-9]+@example\.com$/);
  }
});

test("names and e-mail addresses agree through a nested name object and per role prefix", () => {
  const schema = {
    type: "object",
    required: ["name", "email", "billing_city", "billing_state", "billing_zip", "shipping_city", "shipping_state", "shipping_zip"],
    properties: {
      name: {
        type: "object",
        required: ["first_name", "last_name"],
        properties: { first_name: { type: "string" }, last_name: { type: "string" } },
      },
      full_name: { type: "string" },
      email: { type: "string", format: "email" },
      username: { type: "string" },
      billing_city: { type: "string" },
      billing_state: { type: "string", pattern: "^[A-Z]{2}$" },
      billing_zip: { type: "string", pattern: "^[0-9]{5}$" },
      shipping_city: { type: "string" },
      shipping_state: { type: "string", pattern: "^[A-Z]{2}$" },
      shipping_zip: { type: "string", pattern: "^[0-9]{5}$" },
    },
  };
  let sameCity = 0;
  for (const r of records(schema, 300)) {
    // The `name` object is the record's person: the e-mail address, user name and full name follow it.
    const { first_name: first, last_name: last } = r.name as { first_name: string; last_name: string };
    assert.ok(fromName(String(r.email), first, last), `${String(r.email)} for ${first} ${last}`);
    if (typeof r.username === "string") assert.ok(fromName(r.username + "@x", first, last), `${r.username} for ${first} ${last}`);
    if (typeof r.full_name === "string") assert.ok(r.full_name.startsWith(first + " ") && r.full_name.endsWith(" " + last), r.full_name);
    for (const role of ["billing", "shipping"])
      assertCuratedPlace({ city: r[`${role}_city`], state: r[`${role}_state`], zip: r[`${role}_zip`] }, role);
    if (r.billing_city === r.shipping_city) sameCity++;
  }
  assert.ok(sameCity < 30, `billing and shipping are two places (${sameCity} of 300 share a city)`);
});

test("an address object shares its parent's place: phone area code, city, state and ZIP agree", () => {
  const areaOf = new Map(US_PLACES.map((line) => [line.split("|").slice(0, 3).join("|"), line.split("|")[3]]));
  const schema = {
    type: "object",
    required: ["phone", "address"],
    properties: {
      phone: { type: "string" },
      address: {
        type: "object",
        required: ["city", "state", "zip", "country"],
        properties: {
          city: { type: "string" },
          state: { type: "string", maxLength: 2 },
          zip: { type: "string" },
          country: { type: "string" },
        },
      },
    },
  };
  // The same with dependentRequired, which objects are built without a compiled shape for.
  const unshaped = { ...schema, dependentRequired: { phone: ["address"] } };
  for (const r of [...records(schema, 300), ...records(unshaped, 300)]) {
    const a = r.address as Obj;
    assertCuratedPlace(a, "address");
    const area = areaOf.get(`${String(a.city)}|${String(a.state)}|${String(a.zip).slice(0, 3)}`)!;
    assert.ok(String(r.phone).includes(area), `${String(r.phone)} has the area code ${area} of ${String(a.city)}`);
    assert.ok(["United States", "US"].includes(String(a.country)), String(a.country));
  }
});

test("roles carry into a shared object: billing_phone agrees with billing_address, a role word repeated inside is the same role", () => {
  const areaOf = new Map(US_PLACES.map((line) => [line.split("|").slice(0, 3).join("|"), line.split("|")[3]]));
  const address = (prefix: string) => ({
    type: "object",
    required: [`${prefix}city`, `${prefix}state`, `${prefix}zip`],
    properties: {
      [`${prefix}city`]: { type: "string" },
      [`${prefix}state`]: { type: "string", pattern: "^[A-Z]{2}$" },
      [`${prefix}zip`]: { type: "string", pattern: "^[0-9]{5}$" },
    },
  });
  const schema = {
    type: "object",
    required: ["billing_phone", "billing_address", "shipping_phone", "shipping_address"],
    properties: {
      billing_phone: { type: "string" },
      billing_address: address(""),
      shipping_phone: { type: "string" },
      shipping_address: address("shipping_"),
    },
  };
  for (const r of records(schema, 200)) {
    const b = r.billing_address as Obj,
      s = r.shipping_address as Obj;
    const billing = { city: b.city, state: b.state, zip: b.zip };
    const shipping = { city: s.shipping_city, state: s.shipping_state, zip: s.shipping_zip };
    for (const [a, phone] of [
      [billing, r.billing_phone],
      [shipping, r.shipping_phone],
    ] as const) {
      assertCuratedPlace(a, "address");
      const area = areaOf.get(`${String(a.city)}|${String(a.state)}|${String(a.zip).slice(0, 3)}`)!;
      assert.ok(String(phone).includes(area), `${String(phone)} has the area code ${area} of ${String(a.city)}`);
    }
  }
});

test("country, country code, currency and locale agree; company, web site and e-mail domain agree", () => {
  const schema = {
    type: "object",
    required: ["country", "country_code", "currency", "locale", "company", "website", "email", "first_name", "last_name"],
    properties: {
      country: { type: "string" },
      country_code: { type: "string", pattern: "^[A-Z]{2}$" },
      currency: { type: "string", pattern: "^[A-Z]{3}$" },
      locale: { type: "string" },
      company: { type: "string" },
      website: { type: "string", format: "uri" },
      email: { type: "string", format: "email" },
      first_name: { type: "string" },
      last_name: { type: "string" },
    },
  };
  const countries = new Set<string>();
  for (const r of records(schema, 300)) {
    const c = COUNTRY_TABLE.find((x) => x.name === r.country);
    assert.ok(c, String(r.country));
    assert.deepEqual([r.country_code, r.currency, r.locale], [c.code, c.currency, c.locale]);
    countries.add(c.name);
    const company = COMPANIES.find((line) => String(r.company).startsWith(line.split("|")[0]));
    assert.ok(company, String(r.company));
    const domain = company.split("|")[1];
    assert.ok(String(r.website).endsWith("//www." + domain) || String(r.website).endsWith("//" + domain), String(r.website));
    assert.ok(String(r.email).endsWith("@" + domain), `${String(r.email)} at ${domain}`);
    assert.ok(fromName(String(r.email), String(r.first_name), String(r.last_name)), String(r.email));
  }
  assert.ok(countries.size > 15, "countries stay diverse where no address pins the locale's");
});

// ---------------------------------------------------------------------------------------------
// Locales: values of the locale's faker tables, in its formats, picked by our own streams.

const FAKER: Record<string, LocaleDefinition> = { "de-DE": de, "fr-FR": fr, "es-ES": es, "pt-BR": pt_BR, "ja-JP": ja };

/** A regex of faker number patterns ("#####", "(0###) #######"; "!" is 2–9). */
function patternsRegex(patterns: readonly string[]): RegExp {
  const one = (p: string) =>
    [...p].map((c) => (c === "#" ? "\\d" : c === "!" ? "[2-9]" : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^(${patterns.map(one).join("|")})$`);
}

function flat(v: unknown): string[] {
  return Array.isArray(v) ? (v as string[]) : Object.values(v as Record<string, string[]>).flat();
}

const PERSON_SCHEMA = {
  type: "object",
  required: ["first_name", "last_name", "phone", "address"],
  properties: {
    first_name: { type: "string" },
    last_name: { type: "string" },
    email: { type: "string", format: "email" },
    phone: { type: "string" },
    address: {
      type: "object",
      required: ["street", "city", "state", "postal_code", "country"],
      properties: {
        street: { type: "string" },
        city: { type: "string" },
        state: { type: "string" },
        postal_code: { type: "string" },
        country: { type: "string" },
      },
    },
  },
};

for (const [tag, def] of Object.entries(FAKER)) {
  test(`${tag}: names, city, region, postal code and phone format of the locale; same seed, same bytes`, () => {
    const loc = def.location as Record<string, unknown>;
    const phoneFormats = def.phone_number!.format as Record<string, string[]>;
    const postal = patternsRegex(loc.postcode as string[]);
    const phone = patternsRegex([...(phoneFormats.human ?? phoneFormats.national), ...(phoneFormats.international ?? [])]);
    const firstNames = new Set(flat(def.person!.first_name));
    const lastNames = new Set(flat(def.person!.last_name));
    const regions = new Set(loc.state as string[]);
    const cities = loc.city_name ? new Set(loc.city_name as string[]) : undefined;
    const country = COUNTRY_TABLE.find((c) => c.locale === tag)!;
    const rs = records(PERSON_SCHEMA, 200, { locale: tag });
    for (const r of rs) {
      const a = r.address as Obj;
      assert.ok(firstNames.has(String(r.first_name)), `${tag} first name ${String(r.first_name)}`);
      assert.ok(lastNames.has(String(r.last_name)), `${tag} last name ${String(r.last_name)}`);
      assert.match(String(a.postal_code), postal, `${tag} postal code`);
      assert.match(String(r.phone), phone, `${tag} phone`);
      assert.ok(regions.has(String(a.state)), `${tag} region ${String(a.state)}`);
      if (cities) assert.ok(cities.has(String(a.city)), `${tag} city ${String(a.city)}`);
      assert.equal(a.country, country.name);
      // Latin-script names make the e-mail address; others cannot, and the address is drawn on its own.
      if (typeof r.email === "string" && asciiFold(String(r.first_name)) !== "")
        assert.ok(fromName(r.email, String(r.first_name), String(r.last_name)), `${tag} ${r.email}`);
    }
    const again = records(PERSON_SCHEMA, 200, { locale: tag });
    assert.equal(JSON.stringify(again), JSON.stringify(rs));
    assert.notEqual(JSON.stringify(records(PERSON_SCHEMA, 200)), JSON.stringify(rs), "another locale, other values");
  });
}

test("the locales are en-US and at least de-DE, fr-FR, es-ES, pt-BR, ja-JP; an unknown one is a usage error naming them", () => {
  for (const l of ["en-US", "de-DE", "fr-FR", "es-ES", "pt-BR", "ja-JP"]) assert.ok(LOCALES.includes(l), l);
  assert.throws(
    () => new Generator(loadSchemaText('{"type": "string"}', "s.json"), { seed: 1, locale: "xx-YY" }),
    (e: unknown) => e instanceof SpecMintError && e.kind === "usage" && LOCALES.every((l) => e.message.includes(l)),
  );
});
