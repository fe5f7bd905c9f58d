// Realistic strings for free-form string properties, chosen by the property's name ("email",
// "billing_city", "shipTo.zip") or by an `x-faker` name ("person.firstName"). Everything is
// invented or reserved: names are common given/family names, phones use the fictional 555-01xx
// block, companies are made up, e-mail and web addresses use reserved domains.
// Name lookup runs once per schema; the generators it returns are the hot path (no regex).
import type { Rng } from "../base/rng";
import { DEFAULT_REFERENCE_DATE, FIRST_NAMES, LAST_NAMES, WORDS, formatGenerators, letters } from "./formats";
import { US_PLACES, US_STATES } from "./data/usPlaces";
import { COUNTRIES as COUNTRY_LINES } from "./data/countries";

/** Produces a string whose length in code points lies in [minLength, maxLength]. */
export type RealisticGenerator = (rng: Rng, minLength: number, maxLength: number) => string;

// ---------------------------------------------------------------------------------------------
// Word lists (all ASCII, so UTF-16 length equals the code-point length ajv checks).

// Cities and states of the curated en-US list (data/usPlaces.ts), which coherent records draw from too.
const CITIES: readonly string[] = [...new Set(US_PLACES.map((line) => line.slice(0, line.indexOf("|"))))];
const STATES: readonly string[] = Object.values(US_STATES);
const STATE_CODES: readonly string[] = Object.keys(US_STATES);
export const STREETS: readonly string[] = [
  "Maple",
  "Oak",
  "Cedar",
  "Pine",
  "Elm",
  "Willow",
  "Birch",
  "Walnut",
  "Chestnut",
  "Lake",
  "Hill",
  "Park",
  "Washington",
  "Lincoln",
  "Jefferson",
  "Madison",
  "Franklin",
  "Highland",
  "Sunset",
  "River",
  "Spring",
  "Meadow",
  "Forest",
  "Church",
  "Mill",
  "Main",
  "Center",
  "Market",
  "Union",
  "Prospect",
  "Ridge",
  "Valley",
  "Harbor",
  "Orchard",
  "Summit",
  "Fairview",
  "Bayview",
  "Grove",
];
export const STREET_TYPES: readonly string[] = [
  "Street",
  "Avenue",
  "Road",
  "Lane",
  "Drive",
  "Court",
  "Boulevard",
  "Way",
  "Place",
  "Terrace",
  "St",
  "Ave",
  "Rd",
];
const UNITS: readonly string[] = ["Apt", "Suite", "Unit", "Floor", "Building"];
const COUNTRIES: readonly string[] = [
  "United States",
  "Canada",
  "Mexico",
  "Brazil",
  "Argentina",
  "Chile",
  "United Kingdom",
  "Ireland",
  "France",
  "Germany",
  "Spain",
  "Portugal",
  "Italy",
  "Netherlands",
  "Belgium",
  "Switzerland",
  "Austria",
  "Sweden",
  "Norway",
  "Denmark",
  "Finland",
  "Poland",
  "Greece",
  "Egypt",
  "Kenya",
  "Nigeria",
  "South Africa",
  "India",
  "Japan",
  "South Korea",
  "Vietnam",
  "Australia",
  "New Zealand",
];
const COUNTRY_CODES: readonly string[] =
  "US CA MX BR AR CL GB IE FR DE ES PT IT NL BE CH AT SE NO DK FI PL GR EG KE NG ZA IN JP KR VN AU NZ".split(" ");
const LOCALE_TAGS: readonly string[] = COUNTRY_LINES.map((line) => line.slice(line.lastIndexOf("|") + 1));
const CURRENCIES: readonly string[] = "USD EUR GBP JPY CAD AUD CHF CNY SEK NZD MXN SGD HKD NOK KRW INR BRL ZAR DKK PLN".split(" ");
const COLORS: readonly string[] = [
  "red",
  "green",
  "blue",
  "teal",
  "salmon",
  "olive",
  "navy",
  "maroon",
  "purple",
  "orange",
  "yellow",
  "lavender",
  "turquoise",
  "indigo",
  "violet",
  "magenta",
  "cyan",
  "lime",
  "gold",
  "silver",
  "beige",
  "coral",
  "crimson",
  "ivory",
  "khaki",
  "mint green",
  "plum",
  "tan",
  "sky blue",
  "charcoal",
];
const CO_NAMES: readonly string[] = [
  "Northwind",
  "Bluefin",
  "Cedar Ridge",
  "Ironclad",
  "Brightwater",
  "Silverline",
  "Redwood",
  "Lakeside",
  "Granite Peak",
  "Pioneer",
  "Evergreen",
  "Copperleaf",
  "Starlight",
  "Oakmont",
  "Riverbend",
  "Westbrook",
  "Clearview",
  "Highpoint",
  "Foxglove",
  "Juniper",
];
const CO_TRADES: readonly string[] = [
  "Supply",
  "Logistics",
  "Analytics",
  "Labs",
  "Systems",
  "Foods",
  "Outfitters",
  "Media",
  "Health",
  "Robotics",
  "Energy",
  "Studios",
  "Software",
  "Consulting",
  "Manufacturing",
  "Trading",
  "Textiles",
  "Dynamics",
];
const CO_SUFFIXES: readonly string[] = ["Co.", "Inc.", "LLC", "Ltd.", "Group", "& Sons", "Partners", "", "", ""];
const JOB_LEVELS: readonly string[] = ["Senior", "Junior", "Lead", "Principal", "Associate", "Staff", "Chief", "Assistant", "", ""];
const JOB_AREAS: readonly string[] = [
  "Data",
  "Marketing",
  "Product",
  "Software",
  "Sales",
  "Operations",
  "Finance",
  "Customer Success",
  "Security",
  "Design",
  "Research",
  "Support",
];
const JOB_ROLES: readonly string[] = [
  "Analyst",
  "Engineer",
  "Manager",
  "Designer",
  "Specialist",
  "Coordinator",
  "Consultant",
  "Director",
  "Architect",
  "Administrator",
];
const PRODUCT_ADJ: readonly string[] = [
  "Ergonomic",
  "Rustic",
  "Sleek",
  "Compact",
  "Durable",
  "Lightweight",
  "Handcrafted",
  "Wireless",
  "Organic",
  "Recycled",
  "Premium",
  "Classic",
  "Modern",
  "Vintage",
  "Portable",
  "Smart",
  "Insulated",
  "Waterproof",
];
const PRODUCT_MATERIAL: readonly string[] = [
  "Steel",
  "Wooden",
  "Cotton",
  "Leather",
  "Bamboo",
  "Ceramic",
  "Aluminum",
  "Glass",
  "Wool",
  "Granite",
  "Rubber",
  "Linen",
];
const PRODUCT_NOUN: readonly string[] = [
  "Chair",
  "Table",
  "Lamp",
  "Backpack",
  "Keyboard",
  "Mug",
  "Bottle",
  "Jacket",
  "Headphones",
  "Notebook",
  "Desk",
  "Blender",
  "Kettle",
  "Umbrella",
  "Speaker",
  "Wallet",
  "Sneakers",
  "Blanket",
  "Bicycle",
  "Watch",
];
const DEPARTMENTS: readonly string[] = [
  "Electronics",
  "Books",
  "Garden",
  "Toys",
  "Grocery",
  "Home",
  "Sports",
  "Outdoors",
  "Beauty",
  "Health",
  "Automotive",
  "Clothing",
  "Shoes",
  "Jewelry",
  "Music",
  "Movies",
  "Baby",
  "Tools",
  "Pet Supplies",
  "Office",
];
const AREA_CODES: readonly string[] = "202 212 303 312 415 503 512 602 617 702 713 801 808 907 919".split(" ");
// Sentences read as plain English: subject, verb, object, optional tail.
const SUBJECTS: readonly string[] = [
  "The team",
  "Our customer",
  "This order",
  "The new design",
  "Every shipment",
  "The support agent",
  "The latest release",
  "The warehouse",
  "A returning visitor",
  "The quarterly report",
  "The manager",
  "Each volunteer",
];
const VERBS: readonly string[] = [
  "reviewed",
  "improved",
  "delivered",
  "requested",
  "updated",
  "confirmed",
  "shipped",
  "approved",
  "scheduled",
  "tracked",
  "simplified",
  "replaced",
];
const OBJECTS: readonly string[] = [
  "the invoice",
  "a detailed estimate",
  "the onboarding flow",
  "two spare parts",
  "the meeting notes",
  "a faster checkout",
  "the product catalog",
  "the travel itinerary",
  "the monthly budget",
  "a new account",
  "the return label",
  "the garden layout",
];
const TAILS: readonly string[] = [
  "before the deadline",
  "without any issues",
  "last week",
  "on Friday",
  "ahead of schedule",
  "for the next release",
  "with great care",
  "after a short delay",
  "in the morning",
  "as expected",
];
const TITLE_ADJ: readonly string[] = [
  "Quarterly",
  "Annual",
  "Practical",
  "Simple",
  "Modern",
  "Essential",
  "Complete",
  "Quick",
  "Friendly",
  "Weekly",
];
const TITLE_NOUN: readonly string[] = [
  "Budget",
  "Garden",
  "Travel",
  "Design",
  "Product",
  "Kitchen",
  "Team",
  "Project",
  "Customer",
  "Market",
  "Coffee",
  "Workshop",
];
const TITLE_END: readonly string[] = ["Review", "Guide", "Plan", "Update", "Checklist", "Notes", "Overview", "Report", "Handbook", "Ideas"];
const FILE_EXT: readonly string[] = [".pdf", ".csv", ".png", ".txt", ".docx", ".jpg", ".json", ".zip"];

const CAP_WORDS = WORDS.map((w) => w[0].toUpperCase() + w.slice(1));
const LOWER_FIRST = FIRST_NAMES.map((s) => s.toLowerCase());
const LOWER_LAST = LAST_NAMES.map((s) => s.toLowerCase());
const LETTERS_UC = "ABCDEFGHJKLMNPQRSTUVWXYZ";

// ---------------------------------------------------------------------------------------------
// Fitting a natural value into [min, max].

const enum Grow {
  Words, // more sentences, then space-separated words (text)
  TitleWords, // more capitalised words (titles, names of things)
  Names, // more given names ("Mary Ann Lee")
  Surnames, // double-barrelled family names ("Garcia-Lopez")
  Digits, // digits appended (identifiers, numbers)
  Letters, // lowercase word letters appended (slugs, words)
  Upper, // capital letters appended (codes)
}

interface Kind {
  make: (rng: Rng) => string;
  /** An abbreviated form, used when at most 3 characters fit. */
  short?: (rng: Rng) => string;
  grow: Grow;
  /** Extra draws when the natural value misses the bounds (for short picked values). */
  retries: number;
}

function isSep(c: string): boolean {
  return c === " " || c === "-" || c === "." || c === "," || c === "_" || c === "/" || c === "&";
}

/** Cuts s to at most max, at a word boundary when that still leaves ≥ min characters. */
function shrink(s: string, min: number, max: number, words: boolean): string {
  if (words) {
    const cut = s.lastIndexOf(" ", max);
    if (cut > 0 && cut >= min) {
      s = s.slice(0, cut);
      while (s.length > min && isSep(s[s.length - 1])) s = s.slice(0, -1);
      return s;
    }
  }
  s = s.slice(0, max);
  while (s.length > min && isSep(s[s.length - 1])) s = s.slice(0, -1);
  // Exactly at min with a dangling separator: swap it for a letter rather than go below min.
  if (s.length > 0 && isSep(s[s.length - 1])) s = s.slice(0, -1) + "a";
  return s;
}

function growPiece(rng: Rng, grow: Grow): string {
  switch (grow) {
    case Grow.Words:
      return " " + WORDS[rng.int(0, WORDS.length - 1)];
    case Grow.TitleWords:
      return " " + CAP_WORDS[rng.int(0, CAP_WORDS.length - 1)];
    case Grow.Names:
      return " " + FIRST_NAMES[rng.int(0, FIRST_NAMES.length - 1)];
    case Grow.Surnames:
      return "-" + LAST_NAMES[rng.int(0, LAST_NAMES.length - 1)];
    case Grow.Digits:
      return String(rng.int(0, 9));
    case Grow.Letters:
      return letters(rng, 4);
    default:
      return LETTERS_UC[rng.int(0, LETTERS_UC.length - 1)];
  }
}

function fit(rng: Rng, s: string, min: number, max: number, grow: Grow): string {
  if (max < min) max = min; // contradictory bounds: honour the minimum
  if (s.length > max) return shrink(s, min, max, grow === Grow.Words || grow === Grow.TitleWords || grow === Grow.Names);
  if (s.length >= min) return s;
  // A sentence keeps its full stop at the end of the padded text.
  const stop = grow === Grow.Words && s.endsWith(".");
  if (stop) s = s.slice(0, -1);
  const target = stop ? min - 1 : min;
  if (s.length === 0 && target > 0) s = grow === Grow.Words ? CAP_WORDS[rng.int(0, CAP_WORDS.length - 1)] : growPiece(rng, grow).trim();
  if (stop) {
    // Whole sentences while they fit (keeping room for the final stop), words for the rest.
    while (target - s.length > 30) {
      const next = ". " + sentence(rng);
      if (s.length + next.length > max) break;
      s += next.slice(0, -1);
    }
  }
  while (s.length < target) s += growPiece(rng, grow);
  if (stop && s.length < max) s += ".";
  return s.length > max ? shrink(s, min, max, false) : s;
}

function build(kind: Kind): RealisticGenerator {
  return (rng, min, max) => {
    // Where only an abbreviation fits ("TX" for a two-letter state field), use the short form.
    const make = kind.short && max <= 3 ? kind.short : kind.make;
    let s = make(rng);
    for (let k = 0; k < kind.retries && (s.length < min || s.length > max); k++) s = make(rng);
    return fit(rng, s, min, max, kind.grow);
  };
}

// Formats already know how to fit lengths (e-mail local parts, URL paths); fit() is the safety net.
function fromFormat(name: string, grow: Grow): RealisticGenerator {
  const g = formatGenerators[name];
  return (rng, min, max) => {
    const s = g(rng, { referenceDate: DEFAULT_REFERENCE_DATE, minLength: min, maxLength: max });
    return fit(rng, s, min, max, grow);
  };
}

// ---------------------------------------------------------------------------------------------
// Natural values.

// Browser and client identification strings of common shapes (no person behind them).
const UA_TEMPLATES: readonly ((v: number, r: Rng) => string)[] = [
  (v) => `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`,
  (v) => `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Safari/537.36`,
  (v) => `Mozilla/5.0 (X11; Linux x86_64; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`,
  (v) => `Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:${v}.0) Gecko/20100101 Firefox/${v}.0`,
  (v, r) =>
    `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${16 + (v % 3)}.${r.int(0, 6)} Safari/605.1.15`,
  (v, r) =>
    `Mozilla/5.0 (iPhone; CPU iPhone OS ${16 + (v % 3)}_${r.int(0, 6)} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${16 + (v % 3)}.${r.int(0, 6)} Mobile/15E148 Safari/604.1`,
  (v, r) =>
    `Mozilla/5.0 (Linux; Android ${12 + (v % 4)}; Pixel ${r.int(5, 9)}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v}.0.0.0 Mobile Safari/537.36`,
  (v, r) => `curl/8.${r.int(0, 11)}.${r.int(0, 1)}`,
  (v, r) => `PostmanRuntime/7.${r.int(28, 42)}.${r.int(0, 3)}`,
];
function userAgent(rng: Rng): string {
  return rng.pick(UA_TEMPLATES)(rng.int(110, 131), rng);
}

function sentence(rng: Rng): string {
  let s = rng.pick(SUBJECTS) + " " + rng.pick(VERBS) + " " + rng.pick(OBJECTS);
  if (rng.chance(0.7)) s += " " + rng.pick(TAILS);
  return s + ".";
}
function sentences(rng: Rng, lo: number, hi: number): string {
  let s = sentence(rng);
  for (let n = rng.int(lo, hi); n > 1; n--) s += " " + sentence(rng);
  return s;
}
function fullName(rng: Rng): string {
  const first = rng.pick(FIRST_NAMES),
    last = rng.pick(LAST_NAMES);
  return rng.chance(0.1) ? first + " " + LETTERS_UC[rng.int(0, LETTERS_UC.length - 1)] + ". " + last : first + " " + last;
}
function street(rng: Rng): string {
  return rng.pick(STREETS) + " " + rng.pick(STREET_TYPES);
}
function productName(rng: Rng): string {
  return rng.pick(PRODUCT_ADJ) + " " + (rng.chance(0.6) ? rng.pick(PRODUCT_MATERIAL) + " " : "") + rng.pick(PRODUCT_NOUN);
}
function slug(rng: Rng): string {
  return rng.pick(WORDS) + "-" + rng.pick(WORDS) + (rng.chance(0.3) ? "-" + rng.int(2, 99) : "");
}

const K = {
  firstName: { make: (r: Rng) => r.pick(FIRST_NAMES), grow: Grow.Names, retries: 6 },
  middleName: { make: (r: Rng) => r.pick(FIRST_NAMES), grow: Grow.Names, retries: 6 },
  lastName: { make: (r: Rng) => r.pick(LAST_NAMES), grow: Grow.Surnames, retries: 6 },
  fullName: { make: fullName, grow: Grow.Names, retries: 4 },
  username: {
    make(r: Rng) {
      const f = LOWER_FIRST[r.int(0, LOWER_FIRST.length - 1)],
        l = LOWER_LAST[r.int(0, LOWER_LAST.length - 1)];
      switch (r.int(0, 5)) {
        case 0:
          return f[0] + l + r.int(1, 99);
        case 1:
          return f + "_" + l;
        case 2:
          return f + "." + l;
        case 3:
          return f + l[0] + r.int(1, 999);
        case 4:
          return l + "." + f;
        default:
          return f + r.int(1970, 2009);
      }
    },
    grow: Grow.Digits,
    retries: 3,
  },
  phone: {
    make(r: Rng) {
      const area = r.pick(AREA_CODES),
        line = "01" + r.int(0, 9) + r.int(0, 9); // 555-0100…0199 is fictional
      switch (r.int(0, 3)) {
        case 0:
          return "+1-" + area + "-555-" + line;
        case 1:
          return "(" + area + ") 555-" + line;
        case 2:
          return area + ".555." + line;
        default:
          return "+1 " + area + " 555 " + line;
      }
    },
    grow: Grow.Digits,
    retries: 4,
  },
  company: {
    make(r: Rng) {
      const sfx = r.pick(CO_SUFFIXES);
      return r.pick(CO_NAMES) + " " + r.pick(CO_TRADES) + (sfx ? " " + sfx : "");
    },
    grow: Grow.TitleWords,
    retries: 4,
  },
  jobTitle: {
    make(r: Rng) {
      const lvl = r.pick(JOB_LEVELS);
      return (lvl ? lvl + " " : "") + r.pick(JOB_AREAS) + " " + r.pick(JOB_ROLES);
    },
    grow: Grow.TitleWords,
    retries: 4,
  },
  street: { make: street, grow: Grow.TitleWords, retries: 4 },
  streetAddress: { make: (r: Rng) => r.int(1, 9999) + " " + street(r), grow: Grow.TitleWords, retries: 4 },
  addressLine2: {
    make: (r: Rng) => r.pick(UNITS) + " " + r.int(1, 40) + (r.chance(0.4) ? LETTERS_UC[r.int(0, 7)] : ""),
    grow: Grow.Digits,
    retries: 4,
  },
  city: { make: (r: Rng) => r.pick(CITIES), grow: Grow.TitleWords, retries: 6 },
  state: { make: (r: Rng) => r.pick(STATES), short: (r: Rng) => r.pick(STATE_CODES), grow: Grow.TitleWords, retries: 6 },
  stateCode: { make: (r: Rng) => r.pick(STATE_CODES), grow: Grow.Upper, retries: 0 },
  zip: { make: (r: Rng) => String(r.int(10000, 99899)) + (r.chance(0.15) ? "-" + r.int(1000, 9999) : ""), grow: Grow.Digits, retries: 2 },
  country: { make: (r: Rng) => r.pick(COUNTRIES), grow: Grow.TitleWords, retries: 6 },
  countryCode: { make: (r: Rng) => r.pick(COUNTRY_CODES), grow: Grow.Upper, retries: 0 },
  currency: { make: (r: Rng) => r.pick(CURRENCIES), grow: Grow.Upper, retries: 0 },
  locale: { make: (r: Rng) => r.pick(LOCALE_TAGS), grow: Grow.Letters, retries: 4 },
  color: { make: (r: Rng) => r.pick(COLORS), grow: Grow.Words, retries: 6 },
  description: { make: (r: Rng) => sentences(r, 1, 3), grow: Grow.Words, retries: 0 },
  sentence: { make: (r: Rng) => sentences(r, 1, 2), grow: Grow.Words, retries: 0 },
  oneSentence: { make: sentence, grow: Grow.Words, retries: 0 },
  paragraph: { make: (r: Rng) => sentences(r, 3, 6), grow: Grow.Words, retries: 0 },
  title: {
    make(r: Rng) {
      switch (r.int(0, 3)) {
        case 0:
          return r.pick(TITLE_ADJ) + " " + r.pick(TITLE_NOUN) + " " + r.pick(TITLE_END);
        case 1:
          return "How to Plan Your " + r.pick(TITLE_NOUN) + " " + r.pick(TITLE_END);
        case 2:
          return "The " + r.pick(TITLE_ADJ) + " " + r.pick(TITLE_NOUN) + " " + r.pick(TITLE_END);
        default:
          return r.pick(CAP_WORDS) + " " + r.pick(TITLE_NOUN) + " " + r.pick(TITLE_END);
      }
    },
    grow: Grow.TitleWords,
    retries: 3,
  },
  word: { make: (r: Rng) => r.pick(WORDS), grow: Grow.Letters, retries: 6 },
  productName: { make: productName, grow: Grow.TitleWords, retries: 4 },
  department: { make: (r: Rng) => r.pick(DEPARTMENTS), grow: Grow.TitleWords, retries: 6 },
  sku: {
    make(r: Rng) {
      let p = "";
      for (let k = 0; k < 3; k++) p += LETTERS_UC[r.int(0, LETTERS_UC.length - 1)];
      return p + "-" + r.int(10000, 99999) + "-" + LETTERS_UC[r.int(0, 23)] + LETTERS_UC[r.int(0, 23)];
    },
    grow: Grow.Digits,
    retries: 0,
  },
  slug: { make: slug, grow: Grow.Letters, retries: 3 },
  userAgent: { make: userAgent, grow: Grow.Words, retries: 4 },
} satisfies Record<string, Kind>;

type KindName = keyof typeof K;

const GENERATORS = new Map<string, RealisticGenerator>();
for (const name of Object.keys(K) as KindName[]) GENERATORS.set(name, build(K[name]));
GENERATORS.set("email", fromFormat("email", Grow.Digits));
GENERATORS.set("url", fromFormat("url", Grow.Letters));
GENERATORS.set("hostname", fromFormat("hostname", Grow.Letters));
GENERATORS.set("ipv4", fromFormat("ipv4", Grow.Digits));
GENERATORS.set("uuid", fromFormat("uuid", Grow.Digits));
// The extension stays whole; only the stem is fitted.
GENERATORS.set("fileName", (rng, min, max) => {
  const ext = rng.pick(FILE_EXT);
  if (max < ext.length + 1) return fit(rng, slug(rng), min, max, Grow.Letters);
  return fit(rng, slug(rng), Math.max(1, min - ext.length), max - ext.length, Grow.Letters) + ext;
});

// ---------------------------------------------------------------------------------------------
// Property names.

// Normalised names (tokens joined by "_") per kind. Blocked names stop a suffix from matching a
// broader entry: "mac_address" is no postal address, "user_id" no user name.
const NAMES_BY_KIND: Record<string, string> = {
  email: "email e_mail email_address emailaddress mail_address",
  firstName: "first_name firstname given_name givenname forename fname",
  middleName: "middle_name middlename",
  lastName: "last_name lastname surname family_name familyname lname",
  fullName: "name full_name fullname display_name displayname contact_name customer_name author author_name recipient_name person_name",
  username: "username user_name login handle nickname screen_name screenname",
  phone: "phone phone_number phonenumber telephone tel mobile mobile_number cell cell_phone fax",
  company:
    "company company_name companyname organization organisation organization_name employer business_name vendor supplier manufacturer brand_name",
  jobTitle: "job_title jobtitle occupation job profession",
  street: "street_name streetname",
  streetAddress: "street address street_address streetaddress address1 address_1 address_line1 address_line_1 addressline1 line1 line_1",
  addressLine2: "address2 address_2 address_line2 address_line_2 addressline2 line2 line_2",
  ipv4: "ip_address ipaddress ip ipv4 ipv4_address",
  url: "web_address url uri website web_site homepage home_page link href site",
  hostname: "email_domain domain domain_name hostname host_name host",
  city: "city town locality city_name",
  state: "state province state_name",
  stateCode: "state_code statecode",
  zip: "zip zipcode zip_code postal_code postalcode postcode post_code postal",
  country: "country country_name",
  countryCode: "country_code countrycode",
  currency: "currency currency_code currencycode",
  locale: "locale locale_code language_tag",
  color: "color colour color_name",
  description: "description desc summary bio about details overview biography abstract",
  sentence: "notes note comment comments remarks remark message feedback review memo",
  title: "title headline subject caption heading",
  productName: "product product_name productname item_name",
  department: "department category category_name",
  sku: "sku product_code item_code",
  slug: "slug",
  userAgent: "user_agent useragent ua browser_agent http_user_agent",
  fileName: "file_name filename",
  word: "word keyword tag",
  uuid: "uuid guid",
};
const BLOCKED_NAMES = "user_id mac_address";

const BY_NAME = new Map<string, string | null>();
for (const [kind, names] of Object.entries(NAMES_BY_KIND)) for (const n of names.split(" ")) BY_NAME.set(n, kind);
for (const n of BLOCKED_NAMES.split(" ")) BY_NAME.set(n, null);

/** Lowercase tokens of a property name: camelCase, snake_case, kebab-case, dotted paths. */
function tokens(name: string): string[] {
  // Runs once per property name (results are cached), so regex is fine here.
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2") // firstName → first Name, line1Text → line1 Text
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2") // URLPath → URL Path
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== "");
}

/** The realistic kind of a property name, and the words before the name that matched ("billing" in "billing_city"). */
export interface NameKind {
  kind: string;
  prefix: string;
}

const kindCache = new Map<string, NameKind | null>();

// Normalised names of birth dates; the longest suffix of a property's words is looked up, so
// "patientDob" and "customer.date_of_birth" are birth dates and "created_at" is not.
const BIRTH_DATE_NAMES = new Set("dob birth_date birthdate date_of_birth dateofbirth birthday birth_day birth_datetime".split(" "));
const birthDateCache = new Map<string, boolean>();

/** Whether a property called `propertyName` holds a birth date (`dob`, `birthDate`, `date_of_birth`, …). */
export function isBirthDateName(propertyName: string): boolean {
  let found = birthDateCache.get(propertyName);
  if (found !== undefined) return found;
  const t = tokens(propertyName);
  found = false;
  for (let n = Math.min(3, t.length); n >= 1 && !found; n--) {
    const parts = t.slice(t.length - n);
    found = BIRTH_DATE_NAMES.has(parts.join("_")) || (n > 1 && BIRTH_DATE_NAMES.has(parts.join("")));
  }
  if (birthDateCache.size > 4096) birthDateCache.clear();
  birthDateCache.set(propertyName, found);
  return found;
}

/**
 * The kind of realistic value a property called `propertyName` holds, or undefined when the name
 * means nothing to us. The longest matching suffix of its words wins, so "customerEmail",
 * "billing_city" and "shipTo.zip" hold an e-mail address, a city and a ZIP code.
 */
export function realisticKind(propertyName: string): NameKind | undefined {
  const cached = kindCache.get(propertyName);
  if (cached !== undefined) return cached ?? undefined;
  const t = tokens(propertyName);
  let found: NameKind | null = null;
  outer: for (let n = Math.min(3, t.length); n >= 1; n--) {
    const parts = t.slice(t.length - n);
    // "first_name" and "firstname" both appear in the wild; try the joined spelling too.
    for (const key of n > 1 ? [parts.join("_"), parts.join("")] : [parts[0]]) {
      const kind = BY_NAME.get(key);
      if (kind !== undefined) {
        found = kind === null ? null : { kind, prefix: t.slice(0, t.length - n).join("_") };
        break outer;
      }
    }
  }
  if (kindCache.size > 4096) kindCache.clear();
  kindCache.set(propertyName, found);
  return found ?? undefined;
}

/** A generator of realistic values for a property called `propertyName` (see realisticKind), or undefined. */
export function realisticGeneratorFor(propertyName: string): RealisticGenerator | undefined {
  const k = realisticKind(propertyName);
  return k === undefined ? undefined : GENERATORS.get(k.kind);
}

// ---------------------------------------------------------------------------------------------
// x-faker name → kind, in faker v8+ spelling.
const FAKER: Record<string, string> = {
  "person.fullName": "fullName",
  "person.firstName": "firstName",
  "person.lastName": "lastName",
  "person.middleName": "middleName",
  "person.jobTitle": "jobTitle",
  "location.city": "city",
  "location.street": "street",
  "location.streetAddress": "streetAddress",
  "location.secondaryAddress": "addressLine2",
  "location.zipCode": "zip",
  "location.state": "state",
  "location.stateAbbr": "stateCode",
  "location.country": "country",
  "location.countryCode": "countryCode",
  "company.name": "company",
  "commerce.productName": "productName",
  "commerce.department": "department",
  "finance.currencyCode": "currency",
  "internet.email": "email",
  "internet.url": "url",
  "internet.domainName": "hostname",
  "internet.userName": "username",
  "internet.ipv4": "ipv4",
  "phone.number": "phone",
  "lorem.word": "word",
  "lorem.slug": "slug",
  "lorem.sentence": "oneSentence",
  "lorem.paragraph": "paragraph",
  "lorem.text": "description",
  "color.human": "color",
  "string.uuid": "uuid",
  "system.fileName": "fileName",
};
// Older faker (v5, used by json-schema-faker) spelled many of these differently.
const FAKER_ALIASES =
  "name.findName=fullName name.fullName=fullName name.firstName=firstName name.lastName=lastName " +
  "name.middleName=middleName name.jobTitle=jobTitle address.city=city address.streetName=street " +
  "address.streetAddress=streetAddress address.secondaryAddress=addressLine2 address.zipCode=zip " +
  "address.state=state address.stateAbbr=stateCode address.country=country " +
  "address.countryCode=countryCode company.companyName=company " +
  "internet.ip=ipv4 phone.phoneNumber=phone commerce.color=color " +
  "random.uuid=uuid datatype.uuid=uuid random.word=word system.commonFileName=fileName";

/** The x-faker names namedGenerator understands (older faker spellings are accepted as well). */
export const FAKER_LIKE_NAMES: readonly string[] = Object.freeze(Object.keys(FAKER));

const FAKER_LOOKUP = new Map<string, string>();
for (const [k, v] of Object.entries(FAKER)) FAKER_LOOKUP.set(k.toLowerCase(), v);
for (const pair of FAKER_ALIASES.split(" ")) {
  const eq = pair.indexOf("=");
  FAKER_LOOKUP.set(pair.slice(0, eq).toLowerCase(), pair.slice(eq + 1));
}

/** The realistic kind of an `x-faker` name such as "person.firstName"; undefined when unknown. */
export function namedKind(name: string): string | undefined {
  return FAKER_LOOKUP.get(name.trim().toLowerCase());
}

/** The generator for an `x-faker` name such as "person.firstName"; undefined when unknown. */
export function namedGenerator(name: string): RealisticGenerator | undefined {
  const kind = namedKind(name);
  return kind === undefined ? undefined : GENERATORS.get(kind);
}
