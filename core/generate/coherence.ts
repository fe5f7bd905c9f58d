// Coherent values: the fields of one group in one object agree, because they are all read from one
// seeded "identity" of that group — a person (first, middle, last and full name, user name, e-mail
// address), a place (street, city, state, postal code, phone), a country (country, code, currency,
// locale) and a company (name, web site, domain, the domain of e-mail addresses). An identity is
// drawn from the stream childKey(object key, group ⊕ role), so it depends on the object's place in
// the record and on the group, never on the other properties' schemas: editing a property outside a
// group changes nothing in it. The role is the words before the kind in a property name ("billing"
// in billing_city), so billing_* and shipping_* fields make two places. A child object named like an
// address or a name (address, billing_address, name) shares its parent's identities, so a user's
// phone agrees with the city of their address. See docs/coherence.md.
import { Rng, childKey, hashString, mix32, type Key } from "../base/rng";
import { COMPANIES, COMPANY_SUFFIXES, PERSONAL_EMAIL_DOMAINS } from "./data/companies";
import { COUNTRY_TABLE, type LocaleData, type Place } from "./locales";
import { namedKind, realisticKind } from "./realism";

export const enum Group {
  Person,
  Place,
  Country,
  Company,
}

/** What an object declares, which decides where some of its fields come from (Ctx.bits). */
export const DECLARES_PLACE = 1;
export const DECLARES_COMPANY = 2;

const GROUP_OF: Readonly<Record<string, Group>> = {
  firstName: Group.Person,
  middleName: Group.Person,
  lastName: Group.Person,
  fullName: Group.Person,
  username: Group.Person,
  email: Group.Person,
  street: Group.Place,
  streetAddress: Group.Place,
  city: Group.Place,
  state: Group.Place,
  stateCode: Group.Place,
  zip: Group.Place,
  phone: Group.Place,
  country: Group.Country,
  countryCode: Group.Country,
  currency: Group.Country,
  locale: Group.Country,
  company: Group.Company,
  url: Group.Company,
  hostname: Group.Company,
};

/** Streams of the four groups (changing these changes the golden files). */
const GROUP_STEP = [hashString("$person"), hashString("$place"), hashString("$country"), hashString("$company")];

/** Formats a coherent value of each kind may have; any other format leaves the field independent. */
const FORMATS_OF: Readonly<Record<string, readonly string[]>> = {
  email: ["email", "idn-email"],
  url: ["uri", "url", "iri", "uri-reference", "iri-reference"],
  hostname: ["hostname", "idn-hostname"],
};

/** A string field that belongs to a group. */
export interface CoherentField {
  kind: string;
  group: Group;
  /** hashString of the role words before the kind ("billing"), 0 for none. */
  role: number;
}

function roleHash(prefix: string): number {
  return prefix === "" ? 0 : hashString(prefix);
}

/**
 * The role of a field of role `inner` in an object of role `outer`: either alone when the other is
 * none (so billing_city and a billing_address's city are one place), one role when both are the same
 * word (a billing_address's billing_city), else both.
 */
export function combineRoles(outer: number, inner: number): number {
  return outer === 0 ? inner : inner === 0 || inner === outer ? outer : mix32(outer, inner);
}

/**
 * The group field a string property is, from its `x-faker` name, else its property name, else an
 * e-mail format; undefined when it is none (then its value is drawn on its own, as before).
 */
export function coherentField(name: string | undefined, faker: string | undefined, format: string | undefined): CoherentField | undefined {
  const byName = name !== undefined ? realisticKind(name) : undefined;
  let kind: string | undefined;
  if (faker !== undefined) kind = namedKind(faker);
  else if (byName !== undefined) kind = byName.kind;
  if (kind === undefined && (format === "email" || format === "idn-email")) kind = "email";
  if (kind === undefined) return undefined;
  const group = GROUP_OF[kind];
  if (group === undefined) return undefined;
  if (format !== undefined && !(FORMATS_OF[kind] ?? []).includes(format)) return undefined;
  return { kind, group, role: roleHash(byName?.prefix ?? "") };
}

/** DECLARES_* bits of an object with these property names. */
export function declaredBits(names: Iterable<string>): number {
  let bits = 0;
  for (const n of names) {
    const k = realisticKind(n)?.kind;
    if (k === undefined) continue;
    if (GROUP_OF[k] === Group.Place) bits |= DECLARES_PLACE;
    else if (k === "company") bits |= DECLARES_COMPANY;
  }
  return bits;
}

/**
 * The role a child object named `name` takes its parent's identities under, or undefined when it
 * has identities of its own: objects named like an address or a person's name are part of their
 * parent (a user's address, a patient's name); any other object is someone or somewhere else.
 */
export function inheritedRole(name: string): number | undefined {
  const k = realisticKind(name);
  return k && (k.kind === "streetAddress" || k.kind === "fullName") ? roleHash(k.prefix) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Identities and the values read from them. The draws of an identity are always made in the same
// order, whichever field reads it, so that every field of the group sees the same identity.

/** The stream of identities drawn at once (company, country), restarted per value (nothing keeps it). */
const IDENTITY = new Rng({ hi: 0, lo: 0 });
const INITIALS = "ABCDEFGHJKLMNPRSTVW";

function identityRng(scope: Key, group: Group, role: number): Rng {
  return IDENTITY.reset(childKey(scope, mix32(GROUP_STEP[group], role)));
}

/**
 * The last identity drawn of one group, by the words of its stream: the fields of a group are made
 * one after the other, so they mostly read it from here instead of drawing it again. A pure cache:
 * the same (scope, role, locale) always gives the same identity.
 */
class LastIdentity<T> {
  private hi = 0;
  private lo = 0;
  private role = 0;
  private locale: LocaleData | undefined;
  private value: T | undefined;
  /** The identity of (scope, role, locale) when it was the last one kept. */
  get(scope: Key, role: number, locale: LocaleData): T | undefined {
    return this.hi === scope.hi && this.lo === scope.lo && this.role === role && this.locale === locale ? this.value : undefined;
  }
  keep(scope: Key, role: number, locale: LocaleData, value: T): T {
    this.hi = scope.hi;
    this.lo = scope.lo;
    this.role = role;
    this.locale = locale;
    return (this.value = value);
  }
}

interface Company {
  name: string;
  fullName: string;
  domain: string;
}

function company(scope: Key, role: number): Company {
  const r = identityRng(scope, Group.Company, role);
  const line = r.pick(COMPANIES);
  const suffix = r.pick(COMPANY_SUFFIXES);
  const bar = line.indexOf("|");
  const name = line.slice(0, bar);
  return { name, fullName: suffix ? name + " " + suffix : name, domain: line.slice(bar + 1) };
}

/** First of `candidates` that `accept` takes. */
function firstAccepted(accept: (s: string) => boolean, a: string, b?: string, c?: string): string | undefined {
  if (accept(a)) return a;
  if (b !== undefined && accept(b)) return b;
  if (c !== undefined && accept(c)) return c;
  return undefined;
}

/**
 * A person: the names are drawn first; what only user names and e-mail addresses read (their style,
 * number, year and personal domain) is drawn on from the same stream when first asked for, so that an
 * object with only a name does not draw it. The order of draws is the same either way.
 */
class Person {
  readonly fi: number;
  readonly li: number;
  readonly mi: number;
  readonly initial: string;
  private rest?: Rng;
  private handles?: { userStyle: number; emailStyle: number; num: number; year: number; personalDomain: string };
  constructor(locale: LocaleData, scope: Key, role: number) {
    const r = new Rng(childKey(scope, mix32(GROUP_STEP[Group.Person], role)));
    const nF = locale.firstNames.length;
    this.fi = r.int(0, nF - 1);
    this.li = r.int(0, locale.lastNames.length - 1);
    const mi = r.int(0, nF - 1);
    this.mi = mi === this.fi ? (mi + 1) % nF : mi;
    this.initial = r.chance(0.1) ? INITIALS[r.int(0, INITIALS.length - 1)] : "";
    this.rest = r;
  }
  get handle(): NonNullable<Person["handles"]> {
    if (this.handles) return this.handles;
    const r = this.rest!;
    this.rest = undefined;
    const userStyle = r.int(0, 5);
    const emailStyle = r.int(0, 6);
    const num = r.int(1, 99);
    const year = r.int(1970, 2009);
    return (this.handles = { userStyle, emailStyle, num, year, personalDomain: r.pick(PERSONAL_EMAIL_DOMAINS) });
  }
}

/** A place: the locale's place first, the street (and house number) drawn on when first asked for. */
class PlaceIdentity {
  readonly place: Place;
  private rest?: Rng;
  private streets?: { street: string; address: string };
  constructor(
    private readonly locale: LocaleData,
    scope: Key,
    role: number,
  ) {
    const r = new Rng(childKey(scope, mix32(GROUP_STEP[Group.Place], role)));
    this.place = locale.place(r);
    this.rest = r;
  }
  get street(): { street: string; address: string } {
    if (this.streets) return this.streets;
    const r = this.rest!;
    this.rest = undefined;
    const street = this.locale.street(r);
    return (this.streets = { street, address: this.locale.streetAddress(r, street) });
  }
}

const lastPerson = new LastIdentity<Person>();
const lastPlace = new LastIdentity<PlaceIdentity>();
const lastCompany = new LastIdentity<Company>();

function personValue(
  kind: string,
  locale: LocaleData,
  scope: Key,
  role: number,
  bits: number,
  accept: (s: string) => boolean,
): string | undefined {
  const p = lastPerson.get(scope, role, locale) ?? lastPerson.keep(scope, role, locale, new Person(locale, scope, role));
  const { fi, li, mi, initial } = p;
  const first = locale.firstNames[fi],
    last = locale.lastNames[li];
  switch (kind) {
    case "firstName":
      return firstAccepted(accept, first);
    case "middleName":
      return firstAccepted(accept, locale.firstNames[mi]);
    case "lastName":
      return firstAccepted(accept, last);
    case "fullName": {
      const plain = locale.familyNameFirst ? last + " " + first : first + " " + last;
      return initial && !locale.familyNameFirst
        ? firstAccepted(accept, first + " " + initial + ". " + last, plain)
        : firstAccepted(accept, plain);
    }
  }
  const f = locale.asciiFirst[fi],
    l = locale.asciiLast[li];
  if (f === "" || l === "") return undefined; // a name in a script e-mail addresses cannot spell
  const h = p.handle;
  if (kind === "username") return firstAccepted(accept, userName(h, f, l), f + "." + l, f[0] + l);
  // kind === "email": the local part from the name, the domain of the object's company if it has one.
  const domain = bits & DECLARES_COMPANY ? companyOf(locale, scope, role).domain : h.personalDomain;
  return firstAccepted(accept, localPart(h, f, l) + "@" + domain, f[0] + l + "@" + domain, f[0] + l[0] + "@" + domain);
}

/** The user name of a person whose names fold to `f` and `l`. */
function userName(p: Person["handle"], f: string, l: string): string {
  switch (p.userStyle) {
    case 0:
      return f[0] + l + p.num;
    case 1:
      return f + "_" + l;
    case 2:
      return f + "." + l;
    case 3:
      return f + l[0] + p.num;
    case 4:
      return l + "." + f;
    default:
      return f + p.year;
  }
}

/** The local part of the e-mail address of a person whose names fold to `f` and `l`. */
function localPart(p: Person["handle"], f: string, l: string): string {
  switch (p.emailStyle) {
    case 0:
      return f + "." + l;
    case 1:
      return f + "." + l + p.num;
    case 2:
      return f[0] + l;
    case 3:
      return f + "_" + l;
    case 4:
      return f + l[0] + p.num;
    case 5:
      return l + "." + f;
    default:
      return f + p.year;
  }
}

function companyOf(locale: LocaleData, scope: Key, role: number): Company {
  return lastCompany.get(scope, role, locale) ?? lastCompany.keep(scope, role, locale, company(scope, role));
}

function placeValue(kind: string, locale: LocaleData, scope: Key, role: number, accept: (s: string) => boolean): string | undefined {
  const id = lastPlace.get(scope, role, locale) ?? lastPlace.keep(scope, role, locale, new PlaceIdentity(locale, scope, role));
  const place = id.place;
  switch (kind) {
    case "street":
      return firstAccepted(accept, id.street.street);
    case "streetAddress":
      return firstAccepted(accept, id.street.address);
    case "city":
      return firstAccepted(accept, place.city);
    case "state":
      return place.region ? firstAccepted(accept, place.region, place.regionCode) : undefined;
    case "stateCode":
      return place.regionCode ? firstAccepted(accept, place.regionCode) : undefined;
    case "zip":
      return firstAccepted(accept, place.postalCodes[0], place.postalCodes[1]);
    default:
      return firstAccepted(accept, place.phones[0], place.phones[1]);
  }
}

function countryValue(
  kind: string,
  locale: LocaleData,
  scope: Key,
  role: number,
  bits: number,
  accept: (s: string) => boolean,
): string | undefined {
  // Where the object has an address, its country is the locale's; else one country of the table.
  const c = bits & DECLARES_PLACE ? locale.country : identityRng(scope, Group.Country, role).pick(COUNTRY_TABLE);
  switch (kind) {
    case "country":
      return firstAccepted(accept, c.name, c.code);
    case "countryCode":
      return firstAccepted(accept, c.code);
    case "currency":
      return firstAccepted(accept, c.currency);
    default:
      return firstAccepted(accept, c.locale);
  }
}

function companyValue(
  kind: string,
  locale: LocaleData,
  scope: Key,
  role: number,
  bits: number,
  accept: (s: string) => boolean,
): string | undefined {
  // A web site or domain is the company's only where the object names a company.
  if (kind !== "company" && !(bits & DECLARES_COMPANY)) return undefined;
  const c = companyOf(locale, scope, role);
  if (kind === "company") return firstAccepted(accept, c.fullName, c.name);
  if (kind === "url") return firstAccepted(accept, "https://www." + c.domain, "https://" + c.domain);
  return firstAccepted(accept, c.domain, "www." + c.domain);
}

/**
 * The value of `field` in the object whose identities are keyed by `scope` (Ctx.scope), under the
 * object's role (Ctx.role) and DECLARES_* bits; undefined when no value of the group passes `accept`
 * (the property's length, pattern and format), and then the caller draws the value on its own.
 */
export function coherentValue(
  field: CoherentField,
  locale: LocaleData,
  scope: Key,
  role: number,
  bits: number,
  accept: (s: string) => boolean,
): string | undefined {
  const r = combineRoles(role, field.role);
  switch (field.group) {
    case Group.Person:
      return personValue(field.kind, locale, scope, r, bits, accept);
    case Group.Place:
      return placeValue(field.kind, locale, scope, r, accept);
    case Group.Country:
      return countryValue(field.kind, locale, scope, r, bits, accept);
    default:
      return companyValue(field.kind, locale, scope, r, bits, accept);
  }
}
