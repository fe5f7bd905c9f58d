// LLM enrichment (Ollama): what the CLI, the language server and the bench use.
export { Enricher, enrichRecords, type EnrichSettings, type EnrichStats, type EnrichRecordsResult, type FallbackExample } from "./enrich";
export { EnrichedRecords } from "./pipeline";
export {
  checkProvider,
  providerProblem,
  pullCommand,
  normalizeModelName,
  sameModel,
  formatBytes,
  type ProviderStatus,
  type ModelInfo,
} from "./provider";
export { doctorReport } from "./doctor";
export { OllamaClient, LlmCallError, type CallErrorKind } from "./client";
export { findLlmTargets, slotsOf, type LlmMode, type LlmTarget, type LlmSlot } from "./targets";
export { llmSeed } from "./seed";
export { cacheKey, canonicalJson } from "./cache";
export { SCHEDULER_DEFAULTS } from "./scheduler";
export { sanitizeText } from "./sanitize";
