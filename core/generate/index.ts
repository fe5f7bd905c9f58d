// Value makers the plans call: formats, patterns, realistic and coherent text (in a locale), and
// x-unique values by permutation.
export { DEFAULT_REFERENCE_DATE } from "./formats";
export { FAKER_LIKE_NAMES } from "./realism";
export { DEFAULT_LOCALE, LOCALES } from "./locales";
export { uniqueSites, UniqueAssigner } from "./unique";
