declare module "ajv-formats-draft2019" {
  import type Ajv from "ajv";
  function addFormats2019(ajv: Ajv, options?: { formats?: string[] }): Ajv;
  export = addFormats2019;
}
