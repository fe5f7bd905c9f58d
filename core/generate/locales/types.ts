// What a locale gives generation: names, places, streets and phone numbers, each drawn from our
// own seeded streams (see ./index.ts for where the tables come from).
import type { Rng } from "../../base/rng";

/** One place of a locale; a record's city, region, postal code and phone area agree with it. */
export interface Place {
  city: string;
  region: string;
  /** The region's short code ("TX", "BY"), or the region itself where a locale has none. */
  regionCode: string;
  /** The postal code, then shorter forms that are still right (a ZIP+4 code, then its five digits). */
  postalCodes: readonly string[];
  /** A telephone number of the place in a format of the locale, then the same number in E.164 (+CC…). */
  phones: readonly [string, string];
}

export interface Country {
  name: string;
  code: string;
  currency: string;
  locale: string;
}

export interface LocaleData {
  tag: string;
  country: Country;
  firstNames: readonly string[];
  lastNames: readonly string[];
  /** Full names are written family name first (ja-JP). */
  familyNameFirst?: boolean;
  /** firstNames / lastNames folded to lowercase ASCII letters for e-mail addresses and user names; "" where a name has none. */
  asciiFirst: readonly string[];
  asciiLast: readonly string[];
  /** A place: city, region, postal code and phone number that go together. */
  place(rng: Rng): Place;
  /** A street name, without a house number. */
  street(rng: Rng): string;
  /** A street address: the street with a house number, in the locale's order. */
  streetAddress(rng: Rng, street: string): string;
}
