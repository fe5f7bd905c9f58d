// The per-locale data tables of @faker-js/faker (its LocaleDefinition objects, never its Faker
// class or its random generator). This module is the entry of its own bundle, dist/locales.js,
// which ./index.ts requires only when a locale other than en-US is asked for: the default path, the
// language server and the extension never load it.
import { de, es, fr, ja, pt_BR, type LocaleDefinition } from "@faker-js/faker";

export const FAKER_LOCALES: Readonly<Record<string, LocaleDefinition>> = {
  "de-DE": de,
  "fr-FR": fr,
  "es-ES": es,
  "pt-BR": pt_BR,
  "ja-JP": ja,
};
