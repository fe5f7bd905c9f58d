// Host names and e-mail addresses: reserved names only (RFC 2606 / RFC 6761), so that fixtures
// can never point at real people or machines; lengths are met by growing or swapping names.
import type { Rng } from "../../base/rng";
import { constrained, digits, fits, maxOf, minOf, type FormatContext, type FormatGenerator } from "./context";
import { FIRST_NAMES, LAST_NAMES, letters } from "./words";

export const RESERVED_SLDS: readonly string[] = ["example.com", "example.org", "example.net"];
const RESERVED_TLDS: readonly string[] = ["example", "test"];
const SUBDOMAINS: readonly string[] = [
  "api",
  "www",
  "mail",
  "cdn",
  "shop",
  "app",
  "auth",
  "static",
  "docs",
  "status",
  "dev",
  "staging",
  "img",
  "blog",
  "admin",
  "portal",
  "files",
  "vpn",
  "git",
  "ci",
  "metrics",
  "eu-west",
  "us-east",
  "assets",
  "login",
  "support",
  "billing",
  "media",
  "search",
  "edge",
];
const BRANDS: readonly string[] = [
  "northwind",
  "bluefin",
  "cedar-ridge",
  "ironclad",
  "brightwater",
  "silverline",
  "redwood",
  "lakeside",
  "granite",
  "pioneer",
  "evergreen",
  "copperleaf",
  "starlight",
  "oakmont",
  "riverbend",
  "westbrook",
  "clearview",
  "highpoint",
  "acme",
  "contoso",
];
const EMAIL_DOMAINS: readonly string[] = [
  "example.com",
  "example.org",
  "example.net",
  "mail.example",
  "inbox.example",
  "corp.example",
  "northwind.example",
  "acme.test",
  "mail.test",
  "bluefin.example",
];
// Shortest reserved names, for tight maxLength.
const SHORT_HOSTS: readonly string[] = ["example.com", "mail.test", "x.test"];

export function hostnameNatural(rng: Rng): string {
  if (rng.chance(0.5)) {
    let sub = rng.pick(SUBDOMAINS);
    if (rng.chance(0.15)) sub += rng.int(1, 9);
    return sub + "." + rng.pick(RESERVED_SLDS);
  }
  const base = rng.pick(BRANDS) + "." + rng.pick(RESERVED_TLDS);
  return rng.chance(0.6) ? rng.pick(SUBDOMAINS) + "." + base : base;
}

/** Prepends labels adding exactly `extra` characters (host stays a valid name, ≤ 253). */
function growHost(rng: Rng, host: string, extra: number): string {
  extra = Math.min(extra, 253 - host.length);
  let prefix = "";
  while (extra >= 2) {
    let n = Math.min(extra - 1, 63);
    if (extra - (n + 1) === 1) n--; // never leave a single character we cannot place
    prefix += letters(rng, n) + ".";
    extra -= n + 1;
  }
  host = prefix + host;
  // One character left: a digit at the end of the first label keeps the name valid.
  const dot = host.indexOf(".");
  if (extra === 1 && dot > 0 && dot < 63) host = host.slice(0, dot) + rng.int(0, 9) + host.slice(dot);
  return host;
}

function fitHost(rng: Rng, host: string, ctx: FormatContext): string {
  if (!constrained(ctx) || fits(host, ctx)) return host;
  const min = minOf(ctx),
    max = maxOf(ctx);
  if (host.length < min) return growHost(rng, host, min - host.length);
  for (const h of SHORT_HOSTS) if (h.length <= max) return h.length >= min ? h : growHost(rng, h, min - h.length);
  // Below 6 characters no reserved name fits: a bare label is still a valid hostname.
  return max >= 1 ? letters(rng, Math.max(1, Math.min(max, 63))) : "a";
}

export const hostname: FormatGenerator = (rng, ctx) => fitHost(rng, hostnameNatural(rng), ctx);

export const IDN_HOSTS: readonly string[] = [
  "bücher.example",
  "café.example.org",
  "münchen.test",
  "straße.example",
  "señor.example.com",
  "例え.テスト",
  "пример.испытание",
  "例子.测试",
  "παράδειγμα.δοκιμή",
  "日本語.example",
  "zürich.example.net",
  "crème-brûlée.test",
  "façade.example",
  "smørrebrød.example.org",
  "köln.example.net",
  "mañana.test",
];

export const idnHostname: FormatGenerator = (rng, ctx) => {
  const host = rng.chance(0.65) ? rng.pick(IDN_HOSTS) : hostnameNatural(rng);
  const sub = rng.chance(0.3) ? rng.pick(SUBDOMAINS) + "." + host : host;
  if (fits(sub, ctx)) return sub;
  // Length fitting works on the ASCII pool, whose labels we know are short enough.
  return fitHost(rng, hostnameNatural(rng), ctx);
};

const LOWER_FIRST = FIRST_NAMES.map((s) => s.toLowerCase());
const LOWER_LAST = LAST_NAMES.map((s) => s.toLowerCase());
const TAGS: readonly string[] = ["news", "shop", "work", "billing", "alerts", "travel"];

function localPart(rng: Rng): string {
  const f = rng.int(0, LOWER_FIRST.length - 1),
    l = rng.int(0, LOWER_LAST.length - 1);
  const first = LOWER_FIRST[f],
    last = LOWER_LAST[l];
  switch (rng.int(0, 7)) {
    case 0:
      return first + "." + last;
    case 1:
      return first + "." + last + rng.int(1, 99);
    case 2:
      return first[0] + last;
    case 3:
      return first + "_" + last;
    case 4:
      return first + last[0] + rng.int(1, 999);
    case 5:
      return last + "." + first;
    case 6:
      return first + "+" + rng.pick(TAGS);
    default:
      return first + rng.int(1970, 2009);
  }
}

const IDN_LOCALS: readonly string[] = [
  "josé",
  "zoë",
  "müller",
  "françois",
  "søren",
  "chloé",
  "jürgen",
  "ana.lópez",
  "björn",
  "renée",
  "ñoño",
  "înès",
  "dvořák",
  "łukasz",
  "ólafur",
  "李娜",
  "юлия",
  "σοφία",
];

/** local@domain with the local part padded or cut to meet the bounds (domain grown if > 64). */
function fitEmail(rng: Rng, local: string, domain: string, ctx: FormatContext): string {
  const min = minOf(ctx),
    max = maxOf(ctx);
  if (local.length + 1 + domain.length > max) {
    // Keep a recognisable local part: switch to a shorter reserved domain before cutting it down.
    const want = Math.min(local.length, 4);
    if (max - 1 - domain.length < want) {
      let chosen = SHORT_HOSTS[SHORT_HOSTS.length - 1];
      for (const d of SHORT_HOSTS)
        if (max - 1 - d.length >= want) {
          chosen = d;
          break;
        }
      if (chosen.length < domain.length) domain = chosen;
    }
    const room = Math.max(1, max - 1 - domain.length);
    if (local.length > room) {
      local = local.slice(0, room);
      // A cut may leave a dot at the end, which RFC 5322 forbids.
      if (local.endsWith(".")) local = local.slice(0, -1) + rng.int(0, 9);
    }
  }
  // Also after a domain swap above, which may overshoot downwards.
  const len = local.length + 1 + domain.length;
  if (len < min) {
    let need = min - len;
    let pad = Math.min(need, Math.max(0, 64 - local.length)); // RFC 5321 caps local parts at 64
    if (need - pad === 1) pad--; // the domain can only grow by two or more characters
    if (pad > 0) local += digits(rng, pad);
    need -= pad;
    if (need > 0) domain = growHost(rng, domain, need);
  }
  return local + "@" + domain;
}

export const email: FormatGenerator = (rng, ctx) => fitEmail(rng, localPart(rng), rng.pick(EMAIL_DOMAINS), ctx);

export const idnEmail: FormatGenerator = (rng, ctx) => {
  const local = rng.chance(0.5) ? rng.pick(IDN_LOCALS) + (rng.chance(0.3) ? rng.int(1, 99) : "") : localPart(rng);
  const domain = rng.chance(0.4) ? rng.pick(IDN_HOSTS) : rng.pick(EMAIL_DOMAINS);
  const s = local + "@" + domain;
  return fits(s, ctx) ? s : fitEmail(rng, localPart(rng), rng.pick(EMAIL_DOMAINS), ctx);
};
