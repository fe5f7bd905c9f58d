// Names folded to the lowercase ASCII letters e-mail addresses and user names are made of.

const SPECIAL: Readonly<Record<string, string>> = { ß: "ss", æ: "ae", ø: "o", œ: "oe", ł: "l", đ: "d", þ: "th" };

/** "Jürgen" → "jurgen", "Ana Clara" → "anaclara", "さくら" → "" (no Latin letters to keep). */
export function asciiFold(name: string): string {
  const lower = name.toLowerCase().normalize("NFD");
  let out = "";
  for (const c of lower) {
    if (c >= "a" && c <= "z") out += c;
    else if (SPECIAL[c] !== undefined) out += SPECIAL[c];
    else if (c >= "\u0300" && c <= "\u036f")
      continue; // a combining accent of the letter before
    else if (c === " " || c === "-" || c === "'" || c === ".") continue;
    else return ""; // a script we cannot spell in ASCII
  }
  return out;
}
