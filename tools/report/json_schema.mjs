// A validator for the subset of JSON Schema (draft 2020-12) that build-report.schema.json uses:
// type, enum, const, properties, required, additionalProperties, propertyNames, items,
// minimum, maximum, minLength, pattern, anyOf, $ref to "#/$defs/<name>"; "description", "title",
// "$schema", "$id" and "$comment" are annotations. A keyword outside this subset is an Error, so
// the schema cannot silently ask for a check that is not made.
//
// Why not a validator from npm (ajv): the report's schema needs a dozen keywords, which take
// fewer lines than wiring another pinned package into @npm_tools and the test.

const ANNOTATIONS = new Set(['$schema', '$id', '$comment', 'title', 'description', '$defs', 'examples']);
const KEYWORDS = new Set([
  'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'propertyNames', 'items',
  'minimum', 'maximum', 'minLength', 'pattern', 'anyOf', '$ref',
]);

function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

function hasType(value, type) {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/**
 * Validates `value` against `schema` (whose `$defs` resolve `$ref`s).
 * @param {unknown} value
 * @param {object} schema
 * @returns {string[]} the errors, each with the JSON pointer of the offending value; empty if valid
 */
export function validate(value, schema) {
  const errors = [];
  const root = schema;
  const check = (v, s, at) => {
    for (const key of Object.keys(s)) {
      if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new Error(`schema keyword ${key} (at ${at || '/'}) is not supported`);
    }
    if (s.$ref) {
      const match = /^#\/\$defs\/(.+)$/.exec(s.$ref);
      const target = match && root.$defs?.[match[1]];
      if (!target) throw new Error(`unresolvable $ref ${s.$ref}`);
      check(v, target, at);
    }
    const where = at || '/';
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? s.type : [s.type];
      if (!types.some((t) => hasType(v, t))) {
        errors.push(`${where}: expected ${types.join(' or ')}, got ${typeOf(v)}`);
        return;
      }
    }
    if (s.const !== undefined && JSON.stringify(v) !== JSON.stringify(s.const)) {
      errors.push(`${where}: expected ${JSON.stringify(s.const)}`);
    }
    if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
      errors.push(`${where}: ${JSON.stringify(v)} is not one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`);
    }
    if (typeof v === 'number') {
      if (s.minimum !== undefined && v < s.minimum) errors.push(`${where}: ${v} < minimum ${s.minimum}`);
      if (s.maximum !== undefined && v > s.maximum) errors.push(`${where}: ${v} > maximum ${s.maximum}`);
    }
    if (typeof v === 'string') {
      if (s.minLength !== undefined && v.length < s.minLength) errors.push(`${where}: shorter than ${s.minLength}`);
      if (s.pattern !== undefined && !new RegExp(s.pattern, 'u').test(v)) errors.push(`${where}: does not match ${s.pattern}`);
    }
    if (s.anyOf) {
      const branches = s.anyOf.map((branch) => validate(v, { ...branch, $defs: root.$defs }));
      if (!branches.some((e) => e.length === 0)) {
        errors.push(`${where}: matches no alternative (${branches.map((e) => e[0]).join('; ')})`);
      }
    }
    if (Array.isArray(v) && s.items) v.forEach((item, i) => check(item, s.items, `${at}/${i}`));
    if (typeOf(v) === 'object') {
      for (const key of s.required ?? []) {
        if (!Object.hasOwn(v, key)) errors.push(`${where}: missing required property ${key}`);
      }
      for (const [key, item] of Object.entries(v)) {
        const pointer = `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (s.propertyNames) check(key, s.propertyNames, pointer);
        if (s.properties && Object.hasOwn(s.properties, key)) {
          check(item, s.properties[key], pointer);
        } else if (s.additionalProperties === false) {
          errors.push(`${where}: property ${key} is not in the schema`);
        } else if (typeof s.additionalProperties === 'object') {
          check(item, s.additionalProperties, pointer);
        }
      }
    }
  };
  check(value, schema, '');
  return errors;
}
