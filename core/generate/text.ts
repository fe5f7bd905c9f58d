// Plain readable text for strings the schema leaves free: words, not random letters.
import type { Rng } from "../base/rng";

const WORDS = (
  "alpha amber anchor apple arch atlas aurora autumn badge basin beacon birch blue bold breeze bridge " +
  "brook canyon cedar chart cinder circle cloud cobalt comet copper coral crest crystal delta dune echo " +
  "ember falcon fern field flint forest frost garden glade granite harbor hazel horizon island ivory jade " +
  "juniper lagoon lake lantern leaf linen lunar maple marble meadow mesa mint moss nectar noble north oak " +
  "ocean olive onyx orbit orchid pearl pebble pine pixel plain prairie quartz quill rain raven reef ridge " +
  "river rose sage sand silver slate spring spruce stone summit sun thistle tide timber topaz trail tulip " +
  "valley velvet violet wave willow wind winter zephyr"
).split(" ");

const CAPITALIZED = WORDS.map((w) => w[0].toUpperCase() + w.slice(1));

/** Code points, not UTF-16 units: what JSON Schema's minLength/maxLength count. */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c >= 0xd800 && c <= 0xdbff && k + 1 < s.length) {
      const d = s.charCodeAt(k + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        k++;
      }
    }
  }
  return n;
}

/** Words separated by spaces, of a length drawn from [minLength, maxLength]; whole words where the range allows. */
export function loremText(rng: Rng, minLength: number, maxLength: number): string {
  const target = rng.int(minLength, Math.max(minLength, maxLength));
  if (target === 0) return "";
  let s = "";
  for (;;) {
    const k = rng.int(0, WORDS.length - 1);
    const next = s.length === 0 ? CAPITALIZED[k] : s + " " + WORDS[k];
    if (next.length > target) {
      // Only cut a word when whole words cannot reach the minimum length.
      if (s.length < Math.max(minLength, 1)) s = next.slice(0, Math.max(minLength, Math.min(target, next.length)));
      break;
    }
    s = next;
  }
  // A trailing space reads as a bug in a fixture.
  if (s.endsWith(" ")) s = s.slice(0, -1) + "s";
  return s;
}
