// URIs, IRIs, URLs, their relative references and URI templates, on reserved hosts. Each is
// joined from a head, a path, a query and a fragment, which fitUri grows or trims to the bounds.
import type { Rng } from "../../base/rng";
import { constrained, fits, maxOf, minOf, type FormatContext, type FormatGenerator } from "./context";
import { PATH_WORDS, WORDS, letters } from "./words";
import { IDN_HOSTS, RESERVED_SLDS, email, hostnameNatural, idnEmail } from "./hosts";
import { uuid } from "./identifiers";

const FILES: readonly string[] = ["logo.png", "report.pdf", "index.html", "data.csv", "styles.css", "app.js", "photo.jpg", "readme.txt"];
const QUERIES: readonly string[] = [
  "ref=mail",
  "page=",
  "q=blue+shoes",
  "utm_source=newsletter&utm_medium=email",
  "sort=price&order=asc",
  "id=",
  "lang=en",
  "limit=",
  "color=red&size=m",
  "tab=reviews",
];
const FRAGMENTS: readonly string[] = ["reviews", "section-", "top", "details", "comments", "faq"];

function pathSegment(rng: Rng, last = true): string {
  const r = rng.float();
  if (r < 0.45) return rng.pick(PATH_WORDS);
  if (r < 0.7) return String(rng.int(1, 99999));
  if (r < 0.85 || !last) return rng.pick(WORDS) + "-" + rng.pick(WORDS);
  return rng.pick(FILES); // file names only end a path
}
function pathNatural(rng: Rng, maxSegs: number): string {
  let p = "";
  const n = rng.int(0, maxSegs);
  for (let k = 0; k < n; k++) p += "/" + pathSegment(rng, k === n - 1);
  return p;
}
function query(rng: Rng): string {
  const q = rng.pick(QUERIES);
  return "?" + (q.endsWith("=") ? q + rng.int(1, 500) : q);
}
function fragment(rng: Rng): string {
  const f = rng.pick(FRAGMENTS);
  return "#" + (f.endsWith("-") ? f + rng.int(1, 12) : f);
}

interface UriParts {
  head: string; // scheme + authority, or "" for relative references
  path: string;
  query: string;
  fragment: string;
}

/**
 * Joins parts meeting the bounds: too short grows the path by filler segments, too long drops
 * fragment, query, trailing path segments, then swaps the head for `shortHeads` (in order).
 * With `rooted`, a query or fragment always follows a "/" (the url format demands it).
 */
function fitUri(rng: Rng, p: UriParts, ctx: FormatContext, shortHeads: readonly string[], rooted = false): string {
  const first = p.head + (rooted && p.path === "" && p.query + p.fragment !== "" ? "/" : p.path) + p.query + p.fragment;
  if (!constrained(ctx) || fits(first, ctx)) return first;
  const join = (head: string, path: string) => {
    const tail = p.query + p.fragment;
    return head + (rooted && path === "" && tail !== "" ? "/" : path) + tail;
  };
  let s = first;
  const min = minOf(ctx),
    max = maxOf(ctx);
  if (s.length < min) {
    let need = min - s.length;
    let extra = p.path;
    if (rooted && extra === "" && p.query + p.fragment !== "") need++; // join's "/" is replaced
    while (need > 0) {
      const n = Math.min(need - 1, 40);
      extra += "/" + letters(rng, n);
      need -= n + 1;
    }
    return join(p.head, extra);
  }
  if (p.fragment && s.length - p.fragment.length >= min) {
    p.fragment = "";
    s = join(p.head, p.path);
  }
  if (s.length > max && p.query && s.length - p.query.length >= min) {
    p.query = "";
    s = join(p.head, p.path);
  }
  while (s.length > max && p.path) {
    const cut = Math.max(0, p.path.lastIndexOf("/"));
    const shorter = join(p.head, p.path.slice(0, cut));
    // Cutting inside the last segment instead is safe: path and query text is unreserved ASCII
    // or plain letters, so any prefix of it is still a valid reference.
    if (shorter.length < min) return s.slice(0, max);
    p.path = p.path.slice(0, cut);
    s = shorter;
  }
  if (s.length <= max) return s;
  for (const h of shortHeads) {
    let t = join(h, "");
    if (t.length > max) {
      p.query = p.fragment = "";
      t = h;
    }
    if (t.length > max) continue;
    if (t.length < min) {
      if (rooted && p.query + p.fragment !== "") t = join(h, "/" + letters(rng, min - t.length));
      else t = join(h, "/" + letters(rng, min - t.length - 1));
    }
    return t;
  }
  return s;
}

function httpHead(rng: Rng, host: string): string {
  const scheme = rng.chance(0.88) ? "https://" : "http://";
  return scheme + host + (rng.chance(0.06) ? ":" + rng.pick(["8080", "8443", "3000"]) : "");
}

const URI_SHORT_HEADS: readonly string[] = ["https://example.com", "https://x.test", "urn:x", "a:b"];

export const uri: FormatGenerator = (rng, ctx) => {
  const r = rng.float();
  if (r < 0.04) return fitUri(rng, { head: "urn:uuid:" + uuid(rng), path: "", query: "", fragment: "" }, ctx, URI_SHORT_HEADS);
  if (r < 0.08)
    return fitUri(
      rng,
      { head: "mailto:" + email(rng, { referenceDate: ctx.referenceDate }), path: "", query: "", fragment: "" },
      ctx,
      URI_SHORT_HEADS,
    );
  return fitUri(
    rng,
    {
      head: httpHead(rng, hostnameNatural(rng)),
      path: pathNatural(rng, 4),
      query: rng.chance(0.35) ? query(rng) : "",
      fragment: rng.chance(0.1) ? fragment(rng) : "",
    },
    ctx,
    URI_SHORT_HEADS,
    true,
  );
};

// The "url" format (dperini's regex) wants a dotted host with an alphabetic TLD and http(s)/ftp.
export const url: FormatGenerator = (rng, ctx) => {
  const head = rng.chance(0.03) ? "ftp://files." + rng.pick(RESERVED_SLDS) : httpHead(rng, hostnameNatural(rng));
  return fitUri(
    rng,
    {
      head,
      path: pathNatural(rng, 4),
      query: rng.chance(0.35) ? query(rng) : "",
      fragment: rng.chance(0.1) ? fragment(rng) : "",
    },
    ctx,
    ["https://example.com", "http://x.test"],
    true,
  );
};

function relativeParts(rng: Rng): UriParts {
  const r = rng.float();
  const q = rng.chance(0.3) ? query(rng) : "";
  const f = rng.chance(0.15) ? fragment(rng) : "";
  if (r < 0.1) return { head: "", path: "", query: "", fragment: fragment(rng) };
  if (r < 0.15) return { head: "", path: "", query: query(rng), fragment: "" };
  if (r < 0.25) return { head: "//" + hostnameNatural(rng), path: "/" + rng.pick(FILES), query: "", fragment: "" };
  if (r < 0.4) return { head: "", path: "../" + pathSegment(rng, false) + pathNatural(rng, 2), query: q, fragment: f };
  if (r < 0.55) return { head: "", path: rng.pick(PATH_WORDS) + pathNatural(rng, 2), query: q, fragment: f };
  return { head: "", path: "/" + rng.pick(PATH_WORDS) + pathNatural(rng, 3), query: q, fragment: f };
}

/** Relative references made of letters, digits, "/", ".", "-" stay valid when cut anywhere. */
export const uriReference: FormatGenerator = (rng, ctx) => {
  if (rng.chance(0.3)) {
    const abs = uri(rng, ctx);
    if (fits(abs, ctx)) return abs;
  }
  const p = relativeParts(rng);
  const s = fitUri(rng, p, ctx, [""]);
  return s.length > maxOf(ctx) ? s.slice(0, maxOf(ctx)) : s;
};

const IRI_WORDS: readonly string[] = [
  "straße",
  "café",
  "menü",
  "übersicht",
  "naïve",
  "résumé",
  "größe",
  "東京",
  "製品",
  "каталог",
  "produkte",
  "niño",
  "été",
  "smörgåsbord",
  "kategorie",
  "ürün",
  "καλάθι",
  "señales",
];
const IRI_QUERIES: readonly string[] = ["q=café", "lang=de", "ort=köln", "page=", "suche=größe", "kategorie=bücher"];

function iriPath(rng: Rng, maxSegs: number): string {
  let p = "";
  const n = rng.int(1, maxSegs);
  for (let k = 0; k < n; k++) p += "/" + (rng.chance(0.6) ? rng.pick(IRI_WORDS) : pathSegment(rng, k === n - 1));
  return p;
}
function iriQuery(rng: Rng): string {
  const q = rng.pick(IRI_QUERIES);
  return "?" + (q.endsWith("=") ? q + rng.int(1, 99) : q);
}

// ajv-formats-draft2019's `iri` accepts only what uri-js calls an "absolute" reference, which
// excludes any fragment ("https://example.com/a#b" fails), so iri values never carry one. Its
// `iri-reference` rejects every mailto: (it calls an address parser the library does not export).
function iriValue(rng: Rng, ctx: FormatContext, mailto: boolean): string {
  if (mailto && rng.chance(0.05))
    return fitUri(rng, { head: "mailto:" + idnEmail(rng, { referenceDate: ctx.referenceDate }), path: "", query: "", fragment: "" }, ctx, [
      "urn:x",
    ]);
  const host = rng.chance(0.5) ? rng.pick(IDN_HOSTS) : hostnameNatural(rng);
  return fitUri(
    rng,
    {
      head: (rng.chance(0.9) ? "https://" : "http://") + host,
      path: iriPath(rng, 3),
      query: rng.chance(0.3) ? iriQuery(rng) : "",
      fragment: "",
    },
    ctx,
    ["https://example.com", "https://x.test", "urn:x"],
    true,
  );
}

export const iri: FormatGenerator = (rng, ctx) => iriValue(rng, ctx, true);

export const iriReference: FormatGenerator = (rng, ctx) => {
  if (rng.chance(0.25)) {
    const abs = iriValue(rng, ctx, false);
    if (fits(abs, ctx)) return abs;
  }
  const r = rng.float();
  const p: UriParts =
    r < 0.1
      ? { head: "", path: "", query: "", fragment: "#" + rng.pick(IRI_WORDS) }
      : r < 0.4
        ? { head: "", path: "../" + rng.pick(IRI_WORDS) + iriPath(rng, 2), query: "", fragment: "" }
        : {
            head: "",
            path: iriPath(rng, 3),
            query: rng.chance(0.3) ? iriQuery(rng) : "",
            fragment: rng.chance(0.15) ? "#" + rng.pick(IRI_WORDS) : "",
          };
  const s = fitUri(rng, p, ctx, [""]);
  return s.length > maxOf(ctx) ? s.slice(0, maxOf(ctx)) : s;
};

const TEMPLATE_VARS: readonly string[] = [
  "id",
  "userId",
  "orderId",
  "page",
  "limit",
  "q",
  "lang",
  "version",
  "owner",
  "repo",
  "slug",
  "year",
  "month",
  "sort",
  "productId",
  "format",
];

export const uriTemplate: FormatGenerator = (rng, ctx) => {
  let s = rng.chance(0.5) ? "https://" + hostnameNatural(rng) : rng.chance(0.3) ? "{+base}" : "";
  const n = rng.int(1, 4);
  for (let k = 0; k < n; k++) {
    const r = rng.float();
    s += r < 0.45 ? "/" + rng.pick(PATH_WORDS) : r < 0.85 ? "/{" + rng.pick(TEMPLATE_VARS) + "}" : "{/" + rng.pick(TEMPLATE_VARS) + "*}";
  }
  const r = rng.float();
  if (r < 0.35) s += "{?" + rng.pick(TEMPLATE_VARS) + (rng.chance(0.5) ? "," + rng.pick(TEMPLATE_VARS) : "") + "}";
  else if (r < 0.45) s += "{#" + rng.pick(TEMPLATE_VARS) + "}";
  else if (r < 0.55) s += "?" + rng.pick(TEMPLATE_VARS).toLowerCase() + "=1{&" + rng.pick(TEMPLATE_VARS) + "}";
  if (!constrained(ctx) || fits(s, ctx)) return s;
  const min = minOf(ctx),
    max = maxOf(ctx);
  // Literal text is a valid template, and cutting letters-only text cannot break a brace.
  if (s.length < min) return s + "/" + letters(rng, min - s.length - 1);
  return ("/" + letters(rng, max)).slice(0, max);
};
