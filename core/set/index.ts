// Sets of entities (issue 15): a TOML set file, the entities' x-refs, and the plan that orders them.
export { ENTITY_KEYS, SET_SETTING_KEYS, parseSetFile, readSetFile, type EntitySpec, type PerParent, type SetSpec } from "./setFile";
export {
  REF_DISTRIBUTIONS,
  REF_DISTRIBUTION_KEYWORD,
  REF_KEYWORD,
  parseRefTarget,
  refSites,
  ruleStylePath,
  type RefDistribution,
  type RefSite,
  type RefTarget,
} from "./references";
export {
  declaredTypes,
  examineSet,
  planSet,
  refTypeMismatch,
  setProblems,
  type EntityPlan,
  type SetPlan,
  type SetProblem,
  type SetProblemCode,
  type UniqueField,
} from "./plan";
export { entitySeed, SetGenerator, RECORD_CACHE_SIZE, VALUE_CACHE_SIZE, type EntityGenerator, type SetGeneratorOptions } from "./generate";
export { ChildrenOfParents } from "./children";
export { ParentPicker, pickKey } from "./picks";
export { MadeReferences, type RuleReferences, type ReferencedEntity } from "./ruleReferences";
export { writeSet, setId, type SetManifest, type SetManifestEntity, type WriteSetOptions } from "./write";
export { setSqlTables, type SetSqlTable } from "./sqlTables";
export { SetReferenceIndex, fanOutOf, type EntityReferences, type FanOut, type ReferenceTally } from "./datasetReferences";
