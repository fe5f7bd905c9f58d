// IP addresses: documentation (RFC 5737 / RFC 3849) and private (RFC 1918 / RFC 4193) ranges.
import type { FormatGenerator } from "./context";

const DOC_V4: readonly string[] = ["192.0.2.", "198.51.100.", "203.0.113."];

export const ipv4: FormatGenerator = (rng) => {
  switch (rng.int(0, 4)) {
    case 0:
    case 1:
      return rng.pick(DOC_V4) + rng.int(1, 254);
    case 2:
      return "10." + rng.int(0, 255) + "." + rng.int(0, 255) + "." + rng.int(1, 254);
    case 3:
      return "172." + rng.int(16, 31) + "." + rng.int(0, 255) + "." + rng.int(1, 254);
    default:
      return "192.168." + rng.int(0, 255) + "." + rng.int(1, 254);
  }
};

export const ipv6: FormatGenerator = (rng) => {
  const g: number[] = [0, 0, 0, 0, 0, 0, 0, 0];
  if (rng.chance(0.8)) {
    g[0] = 0x2001;
    g[1] = 0xdb8;
  } else {
    g[0] = 0xfd00 + rng.int(0, 255);
    g[1] = rng.int(0, 0xffff);
  }
  for (let k = 2; k < 8; k++) g[k] = rng.chance(0.25) ? rng.int(1, 255) : rng.int(1, 0xffff);
  // Half of real-world addresses have a run of zero groups written as "::".
  let zs = -1,
    ze = -1;
  if (rng.chance(0.5)) {
    zs = rng.int(2, 6);
    ze = rng.int(zs + 1, 7);
    for (let k = zs; k <= ze; k++) g[k] = 0;
  }
  let s = "";
  for (let k = 0; k < 8; k++) {
    if (k === zs) {
      s += ze === 7 ? "::" : ":";
      k = ze;
      continue;
    }
    s += (k > 0 ? ":" : "") + g[k].toString(16);
  }
  return s;
};
