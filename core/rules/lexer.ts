// Tokens of the rule language (README "Cross-field rules"). Every token keeps its offset and
// length in the rule text (UTF-16 code units of the decoded JSON string), so that errors and
// editor diagnostics can point at it.

export type TokenKind =
  | "number"
  | "string"
  | "ident"
  | "op" // -> == != <= >= < > + - * /
  | "("
  | ")"
  | "["
  | "]"
  | ","
  | "."
  | "$"
  | "eof";

export interface Token {
  kind: TokenKind;
  /** The source text of the token (for strings: with quotes). */
  text: string;
  /** Decoded value of a string literal. */
  value?: string;
  start: number;
  end: number;
}

/** A syntax error: where (offset and length in the rule text) and why. */
export class RuleSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    readonly length: number,
  ) {
    super(message);
    this.name = "RuleSyntaxError";
  }
}

/**
 * A rule beyond a work limit (rule-length, rule-depth): not a mistake in the rule but more than
 * this run agreed to read. The engine refuses it (exit 2); the editor shows it on the rule.
 */
export class RuleLimitError extends RuleSyntaxError {
  constructor(
    message: string,
    offset: number,
    length: number,
    readonly limit: "rule-length" | "rule-depth",
    readonly allowed: number,
  ) {
    super(message, offset, length);
    this.name = "RuleLimitError";
  }
}

/** Words with a meaning of their own; after a `.` they are ordinary property names. */
export const KEYWORDS = new Set(["and", "or", "not", "in", "true", "false", "null"]);

const TWO_CHAR_OPS = new Set(["->", "==", "!=", "<=", ">="]);

const LETTER = /\p{L}/u;
function isIdentStart(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_" || (c > "\x7f" && LETTER.test(c));
}
function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= "0" && c <= "9");
}
function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

/** The rule text as tokens, ending with an `eof` token. Throws RuleSyntaxError. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let k = 0;
  const n = text.length;
  while (k < n) {
    const c = text[k];
    if (c === " " || c === "\t" || c === "\n" || c === "\r") {
      k++;
      continue;
    }
    const start = k;
    if (isDigit(c)) {
      while (k < n && isDigit(text[k])) k++;
      if (text[k] === "." && isDigit(text[k + 1] ?? "")) {
        k++;
        while (k < n && isDigit(text[k])) k++;
      }
      if (text[k] === "e" || text[k] === "E") {
        let j = k + 1;
        if (text[j] === "+" || text[j] === "-") j++;
        if (isDigit(text[j] ?? "")) {
          k = j;
          while (k < n && isDigit(text[k])) k++;
        }
      }
      if (k < n && isIdentPart(text[k])) {
        let j = k;
        while (j < n && isIdentPart(text[j])) j++;
        throw new RuleSyntaxError(`unexpected "${text.slice(start, j)}": a name cannot start with a digit`, start, j - start);
      }
      out.push({ kind: "number", text: text.slice(start, k), start, end: k });
      continue;
    }
    if (isIdentStart(c)) {
      while (k < n && isIdentPart(text[k])) k++;
      out.push({ kind: "ident", text: text.slice(start, k), start, end: k });
      continue;
    }
    if (c === '"' || c === "'") {
      k++;
      let value = "";
      let closed = false;
      while (k < n) {
        const d = text[k];
        if (d === c) {
          closed = true;
          k++;
          break;
        }
        if (d === "\\" && k + 1 < n) {
          const e = text[k + 1];
          value += e === "n" ? "\n" : e === "t" ? "\t" : e === "r" ? "\r" : e;
          k += 2;
          continue;
        }
        value += d;
        k++;
      }
      if (!closed) throw new RuleSyntaxError(`unterminated string: add the closing ${c}`, start, n - start);
      out.push({ kind: "string", text: text.slice(start, k), value, start, end: k });
      continue;
    }
    const two = text.slice(k, k + 2);
    if (TWO_CHAR_OPS.has(two)) {
      out.push({ kind: "op", text: two, start, end: k + 2 });
      k += 2;
      continue;
    }
    if (two === "&&") throw new RuleSyntaxError('use "and" instead of "&&"', start, 2);
    if (two === "||") throw new RuleSyntaxError('use "or" instead of "||"', start, 2);
    if (two === "=>") throw new RuleSyntaxError('use "->" for implication (or ">=" for greater or equal)', start, 2);
    if (two === "=<") throw new RuleSyntaxError('use "<=" for less or equal', start, 2);
    switch (c) {
      case "<":
      case ">":
      case "+":
      case "-":
      case "*":
      case "/":
        out.push({ kind: "op", text: c, start, end: k + 1 });
        k++;
        continue;
      case "(":
      case ")":
      case "[":
      case "]":
      case ",":
      case ".":
      case "$":
        out.push({ kind: c, text: c, start, end: k + 1 });
        k++;
        continue;
      case "=":
        throw new RuleSyntaxError('use "==" to compare ("=" alone is not an operator)', start, 1);
      case "!":
        throw new RuleSyntaxError('use "not" for negation (or "!=" for not equal)', start, 1);
      case "&":
        throw new RuleSyntaxError('use "and" instead of "&"', start, 1);
      case "|":
        throw new RuleSyntaxError('use "or" instead of "|"', start, 1);
      default: {
        const cp = text.codePointAt(k)!;
        const len = cp > 0xffff ? 2 : 1;
        throw new RuleSyntaxError(`unexpected character "${String.fromCodePoint(cp)}"`, start, len);
      }
    }
  }
  out.push({ kind: "eof", text: "", start: n, end: n });
  return out;
}

/**
 * Does this text read as a sentence rather than as an expression with a mistake? Two words in a
 * row that are neither keywords nor joined by an operator ("High-value items should have…") are
 * prose: such a rule is guidance for the LLM (`rule-unenforced`), not a syntax error.
 */
export function looksLikeProse(text: string): boolean {
  const words = /[A-Za-z_][A-Za-z0-9_']*/g;
  let prev: { word: string; end: number } | undefined;
  let m: RegExpExecArray | null;
  while ((m = words.exec(text))) {
    const word = m[0];
    if (
      prev &&
      /^\s+$/.test(text.slice(prev.end, m.index)) &&
      !KEYWORDS.has(prev.word.toLowerCase()) &&
      !KEYWORDS.has(word.toLowerCase())
    ) {
      return true;
    }
    prev = { word, end: m.index + word.length };
  }
  return false;
}
