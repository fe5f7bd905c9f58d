// Word lists shared by the format generators and by realism.ts (which imports them through
// formats/index.ts, so there is no import cycle), and exact-length letter fillers made of them.
import type { Rng } from "../../base/rng";

/** Common given names (no real person is meant). */
export const FIRST_NAMES: readonly string[] = [
  "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
  "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Daniel", "Karen",
  "Matthew", "Nancy", "Anthony", "Lisa", "Mark", "Emily", "Andrew", "Michelle", "Kevin", "Amanda",
  "Brian", "Melissa", "Ethan", "Olivia", "Noah", "Emma", "Liam", "Sophia", "Lucas", "Ava", "Mateo",
  "Isabella", "Priya", "Arjun", "Mei", "Hiroshi", "Fatima", "Omar", "Aisha", "Diego", "Sofia", "Jane",
  "Leo", "Zoe", "Ivan", "Nora", "Kwame", "Ana",
];
/** Common family names. */
export const LAST_NAMES: readonly string[] = [
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
  "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
  "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson",
  "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green",
  "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Patel",
  "Kim", "Chen", "Doe", "Okafor", "Novak", "Silva", "Ito",
];
/** Plain lowercase English words: fillers for lengths, lorem-like text, path segments. */
export const WORDS: readonly string[] = [
  "account", "amber", "answer", "anchor", "basket", "beacon", "bright", "budget", "canvas", "carbon",
  "catalog", "center", "circle", "cloud", "copper", "cotton", "crystal", "delivery", "design", "desk",
  "digital", "echo", "engine", "feature", "field", "forest", "garden", "harbor", "journey", "lantern",
  "ledger", "market", "meadow", "method", "metro", "motion", "network", "north", "ocean", "orbit",
  "order", "paper", "pattern", "pilot", "planet", "prairie", "project", "quarter", "quiet", "rapid",
  "river", "rocket", "season", "signal", "silver", "simple", "spring", "studio", "summit", "sunrise",
  "table", "timber", "travel", "update", "valley", "vector", "velvet", "window", "winter", "yellow",
];
/** Path segments of URIs and JSON pointers. */
export const PATH_WORDS: readonly string[] = [
  "products", "users", "orders", "api", "v1", "v2", "docs", "blog", "images", "search", "account",
  "settings", "reports", "invoices", "items", "categories", "help", "news", "events", "downloads",
];

// One long letters-only string: slices of it are exact-length fillers that still read like words.
const FILLER = WORDS.join("");

/** Exactly n lowercase letters, made of words (deterministic start chosen by rng). */
export function letters(rng: Rng, n: number): string {
  if (n <= 0) return "";
  let start = rng.int(0, FILLER.length - 1);
  let out = "";
  while (out.length < n) {
    const take = Math.min(n - out.length, FILLER.length - start);
    out += FILLER.slice(start, start + take);
    start = 0;
  }
  return out;
}
