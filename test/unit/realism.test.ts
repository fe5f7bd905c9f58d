import { test } from "node:test";
import assert from "node:assert/strict";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { FAKER_LIKE_NAMES, namedGenerator, realisticGeneratorFor, type RealisticGenerator } from "../../core/generate/realism";
import { Rng, recordKey } from "../../core/base/rng";

const ajv = new Ajv2020({ strict: false });
addFormats(ajv);
const isEmail = ajv.compile({ type: "string", format: "email" });
const isUrl = ajv.compile({ type: "string", format: "url" });

const N = 500;
function values(g: RealisticGenerator, min = 0, max = Infinity, seed = 42, n = N): string[] {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) out.push(g(new Rng(recordKey(seed, i)), min, max));
  return out;
}
function gen(name: string): RealisticGenerator {
  const g = realisticGeneratorFor(name);
  assert.ok(g, `no generator for ${name}`);
  return g;
}
function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const LISTED = [
  "email",
  "first_name",
  "firstName",
  "city",
  "phone",
  "company",
  "street",
  "zip",
  "postal_code",
  "country",
  "url",
  "website",
  "description",
  "title",
  "name",
  "last_name",
  "state",
  "address",
  "username",
  "currency",
  "color",
  "job_title",
  "product_name",
  "sku",
  "notes",
  "comment",
];

test("the names from the brief all have generators", () => {
  for (const n of LISTED) gen(n);
});

test("names are normalised: case, separators and prefixes", () => {
  const same: [string, string][] = [
    ["customerEmail", "email"],
    ["CUSTOMER_EMAIL", "email"],
    ["e-mail", "email"],
    ["emailAddress", "email"],
    ["billing_city", "city"],
    ["BillingCity", "city"],
    ["shipTo.zip", "zip"],
    ["zipCode", "zip"],
    ["postal-code", "zip"],
    ["POSTCODE", "zip"],
    ["firstname", "first_name"],
    ["FirstName", "first_name"],
    ["given-name", "first_name"],
    ["user.lastName", "last_name"],
    ["surname", "last_name"],
    ["contactPhoneNumber", "phone"],
    ["companyName", "company"],
    ["homepageURL", "url"],
    ["WebsiteUrl", "url"],
    ["shipping_address", "address"],
    ["addressLine1", "address"],
    ["jobTitle", "job_title"],
    ["productName", "product_name"],
    ["order.notes", "notes"],
    ["customer_name", "name"],
    ["userName", "username"],
    ["favoriteColour", "color"],
    ["currencyCode", "currency"],
  ];
  for (const [alias, base] of same) assert.equal(realisticGeneratorFor(alias), gen(base), `${alias} ≠ ${base}`);
  // A longer match beats a shorter one.
  assert.notEqual(gen("job_title"), gen("title"));
  assert.notEqual(gen("product_name"), gen("name"));
  assert.notEqual(gen("fileName"), gen("name"));
  assert.notEqual(gen("country_code"), gen("country"));
  assert.notEqual(gen("ipAddress"), gen("address"));
});

test("names that mean nothing (or something else) get no generator", () => {
  for (const n of [
    "id",
    "createdAt",
    "emailVerified",
    "count",
    "status",
    "x",
    "",
    "mac_address",
    "userId",
    "zipper",
    "statement",
    "titles",
  ]) {
    assert.equal(realisticGeneratorFor(n), undefined, n);
  }
});

const ALL: [string, RealisticGenerator][] = [
  ...LISTED.map((n) => [n, gen(n)] as [string, RealisticGenerator]),
  ...["country_code", "state_code", "address_line2", "fileName", "slug", "ip_address", "hostname", "uuid", "department", "keyword"].map(
    (n) => [n, gen(n)] as [string, RealisticGenerator],
  ),
  ...FAKER_LIKE_NAMES.map((n) => [`x-faker ${n}`, namedGenerator(n)!] as [string, RealisticGenerator]),
];
// Draws from lists shorter than 50 entries.
const SMALL = new Set([
  "currency",
  "color",
  "country",
  "state",
  "city",
  "country_code",
  "state_code",
  "department",
  "keyword",
  "first_name",
  "firstName",
  "last_name",
  "x-faker location.country",
  "x-faker location.countryCode",
  "x-faker location.state",
  "x-faker location.stateAbbr",
  "x-faker location.city",
  "x-faker commerce.department",
  "x-faker finance.currencyCode",
  "x-faker color.human",
  "x-faker lorem.word",
  "x-faker person.firstName",
  "x-faker person.middleName",
  "x-faker person.lastName",
]);

for (const [name, g] of ALL) {
  test(`${name}: deterministic and diverse`, () => {
    const a = values(g);
    assert.deepEqual(values(g), a);
    const distinct = new Set(a).size;
    assert.ok(distinct >= (SMALL.has(name) ? 15 : 50), `${name}: only ${distinct} distinct values`);
    assert.ok(
      a.every((s) => s.length > 0 && s.trim() === s),
      `${name}: empty or padded value`,
    );
  });
}

const BOUNDS: [number, number][] = [
  [0, 0],
  [0, 1],
  [1, 1],
  [2, 3],
  [0, 5],
  [5, 5],
  [3, 8],
  [8, 10],
  [10, 10],
  [12, 20],
  [20, 20],
  [25, 40],
  [40, 40],
  [50, 64],
  [64, 80],
  [100, 100],
  [120, 200],
  [300, 320],
  [500, 500],
  [1000, 1200],
];

test("every generator honours [minLength, maxLength] in code points", () => {
  for (const [name, g] of ALL) {
    for (const [min, max] of BOUNDS) {
      for (const s of values(g, min, max, min * 7 + max, 40)) {
        const n = codePoints(s);
        assert.ok(n >= min && n <= max, `${name} [${min},${max}] gave ${n}: ${JSON.stringify(s)}`);
      }
    }
  }
});

test("bounds that do not pinch keep natural values intact", () => {
  const first = values(gen("first_name"), 0, 100);
  assert.ok(
    first.every((s) => /^[A-Z][a-z]+$/.test(s)),
    "first names are single capitalised words",
  );
  const city = values(gen("city"), 3, 30);
  // Names of the curated list: "St. Louis", "Coeur d'Alene", "Winston-Salem".
  assert.ok(city.every((s) => /^[A-Z][A-Za-z .'-]+$/.test(s)));
  for (const s of values(gen("description"))) assert.match(s, /^[A-Z].*\.$/);
  for (const s of values(gen("notes"), 200, 260)) assert.match(s, /^[A-Z].*\.$/, "padded text still ends a sentence");
  for (const s of values(gen("title"), 40, 60))
    assert.ok(
      s.split(" ").every((w) => w === "to" || /^[A-Z0-9]/.test(w)),
      s,
    );
});

test("short picks redraw to fit before anything is cut", () => {
  for (const s of values(gen("first_name"), 3, 4)) assert.ok(/^[A-Z][a-z]{2,3}$/.test(s), s);
  for (const s of values(gen("city"), 10, 12)) assert.ok(/^[A-Z][A-Za-z .'-]+$/.test(s) && !s.endsWith(" "), s);
});

test("e-mail addresses: valid, reserved domains, bounds honoured when feasible", () => {
  const reserved = (d: string) => [".example.com", ".example.org", ".example.net", ".example", ".test"].some((r) => ("." + d).endsWith(r));
  for (const [min, max] of [
    [0, Infinity],
    [8, 10],
    [12, 16],
    [20, 20],
    [30, 40],
    [64, 64],
    [80, 100],
    [254, 254],
  ]) {
    for (const s of values(gen("customerEmail"), min, max, min + max, 200)) {
      assert.ok(isEmail(s), s);
      assert.ok(reserved(s.slice(s.indexOf("@") + 1)), s);
      assert.ok(s.length >= min && s.length <= max, `[${min},${max}] ${s}`);
    }
  }
  assert.ok(values(gen("email")).some((s) => /^[a-z]+\.[a-z]+\d*@example\.(com|org|net)$/.test(s)));
});

test("urls are valid and use reserved hosts", () => {
  for (const s of values(gen("website"), 0, Infinity, 3, 1000)) {
    assert.ok(isUrl(s), s);
    assert.match(s, /^(https?|ftp):\/\/([a-z0-9-]+\.)*(example\.(com|org|net)|[a-z0-9-]+\.(example|test))([:/?#]|$)/);
  }
});

test("phone numbers use the fictional 555-0100…0199 block", () => {
  for (const s of values(gen("phone"), 0, Infinity, 5, 2000)) {
    assert.match(s, /^(\+1[- ])?\(?\d{3}\)?[-. ]555[-. ]01\d\d$/);
  }
});

test("names, companies and addresses look the part", () => {
  for (const s of values(gen("name"))) assert.match(s, /^[A-Z][a-z]+ ([A-Z]\. )?[A-Z][a-z]+$/);
  for (const s of values(gen("address"))) assert.match(s, /^\d{1,4} [A-Z][a-z]+ [A-Z][a-z]+$/);
  for (const s of values(gen("zip"))) assert.match(s, /^\d{5}(-\d{4})?$/);
  for (const s of values(gen("sku"))) assert.match(s, /^[A-Z]{3}-\d{5}-[A-Z]{2}$/);
  for (const s of values(gen("currency"))) assert.match(s, /^[A-Z]{3}$/);
  for (const s of values(gen("username"))) assert.match(s, /^[a-z][a-z0-9._]+$/);
  for (const s of values(gen("fileName"), 0, Infinity)) assert.match(s, /^[a-z0-9-]+\.[a-z]+$/);
  for (const s of values(gen("fileName"), 30, 30)) assert.match(s, /^[a-z0-9-]+\.[a-z]+$/);
  const agents = values(gen("userAgent"), 0, 200);
  for (const s of agents) assert.match(s, /^(Mozilla\/5\.0 \(.+\) .+|curl\/8\.\d+\.\d|PostmanRuntime\/7\.\d+\.\d)$/);
  assert.ok(new Set(agents.map((s) => s.split(" ")[1])).size >= 4, "several platforms");
  for (const s of values(gen("http_user_agent"), 0, 40)) assert.ok(s.length <= 40 && /^(Mozilla|curl|Postman)/.test(s), s);
});

test("x-faker names", () => {
  for (const n of [
    "person.fullName",
    "person.firstName",
    "person.lastName",
    "location.city",
    "location.streetAddress",
    "location.zipCode",
    "location.state",
    "location.country",
    "company.name",
    "commerce.productName",
    "commerce.department",
    "internet.email",
    "internet.url",
    "internet.userName",
    "phone.number",
    "lorem.word",
    "lorem.sentence",
    "lorem.paragraph",
    "color.human",
  ]) {
    assert.ok(FAKER_LIKE_NAMES.includes(n), n);
    assert.ok(namedGenerator(n), n);
  }
  for (const n of FAKER_LIKE_NAMES) assert.ok(namedGenerator(n), n);
  // Case-insensitive, and faker v5 spellings (json-schema-faker) map to the same generators.
  assert.equal(namedGenerator("PERSON.FIRSTNAME"), namedGenerator("person.firstName"));
  assert.equal(namedGenerator("name.firstName"), namedGenerator("person.firstName"));
  assert.equal(namedGenerator("address.zipCode"), namedGenerator("location.zipCode"));
  assert.equal(namedGenerator("name.findName"), namedGenerator("person.fullName"));
  assert.equal(namedGenerator("internet.username"), namedGenerator("internet.userName"));
  assert.equal(namedGenerator("person.firstName"), realisticGeneratorFor("firstName"));
  for (const n of ["", "person", "finance.iban", "finance.creditCardNumber", "nope.nothing", "toString"]) {
    assert.equal(namedGenerator(n), undefined, n);
  }
  for (const s of values(namedGenerator("lorem.sentence")!)) assert.match(s, /^[A-Z][^.]*\.$/);
  for (const s of values(namedGenerator("lorem.paragraph")!)) assert.ok(s.split(". ").length >= 3, s);
  for (const s of values(namedGenerator("lorem.word")!)) assert.match(s, /^[a-z]+$/);
});

test("generators never touch global randomness or the clock", () => {
  const random = Math.random,
    now = Date.now;
  Math.random = () => assert.fail("Math.random used");
  Date.now = () => assert.fail("Date.now used");
  try {
    for (const [, g] of ALL) {
      values(g, 0, Infinity, 1, 20);
      values(g, 30, 40, 1, 20);
    }
  } finally {
    Math.random = random;
    Date.now = now;
  }
});
