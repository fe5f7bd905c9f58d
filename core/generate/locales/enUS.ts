// en-US, the default locale: SpecMint's own curated lists (data/usPlaces.ts), no faker data.
import type { Rng } from "../../base/rng";
import { FIRST_NAMES, LAST_NAMES } from "../formats";
import { STREETS, STREET_TYPES } from "../realism";
import { US_PLACES, US_STATES } from "../data/usPlaces";
import { asciiFold } from "./ascii";
import type { LocaleData, Place } from "./types";

interface UsPlace {
  city: string;
  state: string;
  code: string;
  zip3: string;
  area: string;
}

const PLACES: readonly UsPlace[] = US_PLACES.map((line) => {
  const [city, code, zip3, area] = line.split("|");
  return { city, state: US_STATES[code], code, zip3, area };
});

function twoDigits(rng: Rng): string {
  return String(rng.int(0, 99)).padStart(2, "0");
}

/** A number of the place's area code in the fictional 555-0100…0199 block, written as people do and in E.164. */
function phones(rng: Rng, area: string): [string, string] {
  const line = "01" + twoDigits(rng);
  const e164 = "+1" + area + "555" + line;
  switch (rng.int(0, 3)) {
    case 0:
      return ["+1-" + area + "-555-" + line, e164];
    case 1:
      return ["(" + area + ") 555-" + line, e164];
    case 2:
      return [area + ".555." + line, e164];
    default:
      return ["+1 " + area + " 555 " + line, e164];
  }
}

export const EN_US: LocaleData = {
  tag: "en-US",
  country: { name: "United States", code: "US", currency: "USD", locale: "en-US" },
  firstNames: FIRST_NAMES,
  lastNames: LAST_NAMES,
  asciiFirst: FIRST_NAMES.map(asciiFold),
  asciiLast: LAST_NAMES.map(asciiFold),
  place(rng: Rng): Place {
    const p = PLACES[rng.int(0, PLACES.length - 1)];
    const zip = p.zip3 + twoDigits(rng);
    const plus4 = rng.chance(0.15) ? zip + "-" + String(rng.int(1, 9999)).padStart(4, "0") : undefined;
    return { city: p.city, region: p.state, regionCode: p.code, postalCodes: plus4 ? [plus4, zip] : [zip], phones: phones(rng, p.area) };
  },
  street: (rng) => rng.pick(STREETS) + " " + rng.pick(STREET_TYPES),
  streetAddress: (rng, street) => rng.int(1, 9999) + " " + street,
};

/** City names of the curated en-US list, for a city drawn on its own. */
export const US_CITY_NAMES: readonly string[] = [...new Set(PLACES.map((p) => p.city))];
