// Glob patterns of `specmint.schemaGlobs` (`**/*.schema.json`, `**/schemas/**/*.json`, `{a,b}`)
// as regular expressions over forward-slash paths.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (re) return re;
  let out = "";
  let inClass = false;
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (inClass) {
      out += c === "\\" ? "\\\\" : c;
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "*") {
      if (glob[i + 1] === "*") {
        const slashAfter = glob[i + 2] === "/";
        const atSegmentStart = i === 0 || glob[i - 1] === "/";
        if (atSegmentStart && slashAfter) {
          out += "(?:.*/)?"; // `**/` matches zero or more whole folders
          i += 2;
        } else {
          out += ".*";
          i += 1;
        }
      } else out += "[^/]*";
    } else if (c === "?") out += "[^/]";
    else if (c === "[") {
      inClass = true;
      out += glob[i + 1] === "!" ? (i++, "[^") : "[";
    } else if (c === "{") {
      braces++;
      out += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      out += ")";
    } else if (c === "," && braces > 0) out += "|";
    else out += c.replace(/[.+^$()|\\]/g, "\\$&");
  }
  try {
    re = new RegExp(`^${out}$`);
  } catch {
    re = /$^/; // a malformed glob matches nothing rather than everything
  }
  cache.set(glob, re);
  return re;
}

/** True when any glob matches the path (forward slashes). */
export function matchesAnyGlob(path: string, globs: readonly string[]): boolean {
  return globs.some((g) => globToRegExp(g).test(path));
}
