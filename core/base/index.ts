// Foundations every stage shares: located errors, seeded random streams, exact decimals.
export { formatLocation, messageOf, SpecMintError, stackOf, type SpecMintErrorKind, type SourceLocation } from "./errors";
export {
  DEFAULT_LIMITS,
  groupDigits,
  LIMIT_NAMES,
  LimitError,
  limitsOf,
  raiseHint,
  resolveLimits,
  WORK_LIMITS,
  type LimitName,
  type Limits,
} from "./limits";
