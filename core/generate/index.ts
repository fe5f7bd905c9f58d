// Value makers the plans call: formats, patterns, realistic text, and x-unique values by permutation.
export { DEFAULT_REFERENCE_DATE } from "./formats";
export { FAKER_LIKE_NAMES } from "./realism";
export { uniqueSites, UniqueAssigner } from "./unique";
