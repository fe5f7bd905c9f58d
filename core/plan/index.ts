// Stage 2, the plan: a schema compiled once into value makers, one kind of value per file.
export { DEFAULT_OPTIONS, LIMITS, type GenerationOptions } from "./options";
