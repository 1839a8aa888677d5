/**
 * One way of saying what is wrong with a hand-edited file (the workspace config, import
 * profiles, the target presets, custom factor CSVs): `file: path: what is allowed (got X)`.
 *
 * zod's own messages are terse ("Invalid input", "Too small: expected number to be >0") and
 * say nothing of which keys an object takes. `zodErrorMap` replaces them wherever a schema
 * field has no message of its own (a schema's own message always wins, zod's precedence), and
 * `issueLines` adds the file, the dotted path and the value found.
 */

import { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;
type Issue = z.core.$ZodIssue;

/** Longest stretch of a received value quoted back, so a pasted paragraph does not flood the terminal. */
const MAX_SHOWN = 40;

/** Options for `safeParse` so issues carry our messages and the value received. */
export const parseOptions = { error: zodErrorMap, reportInput: true } as const;

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'an object',
  record: 'an object',
  map: 'an object',
  null: 'null',
  date: 'a date',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}

/** A primitive written as in JSON; used for allowed values. */
function literal(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

function oneOf(values: readonly unknown[]): string {
  if (values.length === 1) return `expected ${literal(values[0])}`;
  return `expected one of ${values.map(literal).join(' | ')}`;
}

/** The value received, short and safe to print, or undefined when nothing useful can be said. */
export function shownValue(input: unknown): string | undefined {
  if (input === undefined) return undefined;
  if (typeof input === 'string') {
    const s = input.length > MAX_SHOWN ? `${input.slice(0, MAX_SHOWN)}…` : input;
    return JSON.stringify(s);
  }
  if (typeof input === 'number' || typeof input === 'boolean' || typeof input === 'bigint' || input === null) return String(input);
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'an object';
  return typeof input;
}

/** Levenshtein distance, for suggesting the key a typo meant. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The keys an object (or enum-keyed record) schema takes, read from the schema that raised the issue. */
function allowedKeys(inst: unknown): string[] {
  const def = (inst as { _zod?: { def?: { shape?: Record<string, unknown>; keyType?: { _zod?: { values?: Set<unknown> } } } } } | undefined)?._zod?.def;
  if (def?.shape !== undefined) return Object.keys(def.shape);
  const values = def?.keyType?._zod?.values;
  return values === undefined ? [] : [...values].map(String);
}

function unknownKeys(keys: readonly string[], allowed: readonly string[]): string {
  const named = keys.map((k) => `"${k}"`).join(', ');
  const head = `unknown key${keys.length === 1 ? '' : 's'} ${named}`;
  if (allowed.length === 0) return `${head}; remove ${keys.length === 1 ? 'it' : 'them'}`;
  // A near miss is almost always a typo ("denominater"): name the key it probably meant.
  const guesses = keys
    .map((k) => allowed.map((a) => ({ a, d: distance(k.toLowerCase(), a.toLowerCase()) })).sort((x, y) => x.d - y.d)[0])
    .filter((g): g is { a: string; d: number } => g !== undefined && g.d <= Math.max(2, Math.floor(g.a.length / 3)))
    .map((g) => `"${g.a}"`);
  const hint = guesses.length > 0 ? ` (did you mean ${[...new Set(guesses)].join(', ')}?)` : '';
  return `${head}${hint}; allowed keys: ${allowed.join(', ')}`;
}

function bound(origin: string, n: number | bigint, inclusive: boolean | undefined, small: boolean): string {
  if (origin === 'string') {
    if (small && Number(n) === 1) return 'must not be empty';
    return small ? `must be at least ${n} characters long` : `must be at most ${n} characters long`;
  }
  if (origin === 'array' || origin === 'set') {
    const items = `${n} item${Number(n) === 1 ? '' : 's'}`;
    return small ? `must list at least ${items}` : `must list at most ${items}`;
  }
  if (small) return inclusive === false ? `must be greater than ${n}` : `must be ${n} or more`;
  return inclusive === false ? `must be less than ${n}` : `must be ${n} or less`;
}

function format(iss: { format: string; pattern?: string | undefined }): string {
  switch (iss.format) {
    case 'regex':
      return `must match the pattern ${iss.pattern ?? '(unknown)'}`;
    case 'url':
      return 'expected a web address like https://www.example.org/report';
    case 'email':
      return 'expected an email address like name@example.org';
    case 'date':
      return 'expected a date like 2024-03-31';
    default:
      return `expected a valid ${iss.format}`;
  }
}

/**
 * Union alternatives that each failed at the value itself (not inside it) are said in one line:
 * "expected text or a list". Else undefined, and `issueLines` reports the closest alternative.
 */
function unionLine(errors: readonly (readonly Issue[])[]): string | undefined {
  if (errors.length === 0 || !errors.every((b) => b.length > 0 && b.every((i) => i.path.length === 0))) return undefined;
  const expected = errors.flatMap((b) => b.map((i) => (i.code === 'invalid_type' ? typeName(i.expected) : i.code === 'invalid_value' ? i.values.map(literal).join(' or ') : i.message)));
  const unique = [...new Set(expected.map((e) => e.replace(/^expected /, '')))];
  return `expected ${unique.length > 1 ? `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]!}` : unique[0]!}`;
}

/**
 * The value an issue is about: for a discriminated union, the discriminator's value, since the
 * issue is raised on the object holding it.
 */
function valueOf(iss: RawIssue | Issue): unknown {
  if (iss.code === 'invalid_union' && iss.discriminator !== undefined) {
    const o = iss.input;
    return typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[iss.discriminator] : undefined;
  }
  return iss.input;
}

/** What is allowed, for one issue; used where a schema field does not say it itself. */
function describe(iss: RawIssue | Issue): string {
  const allowed = describeAllowed(iss);
  const missing = (iss.code === 'invalid_type' || iss.code === 'invalid_value' || iss.code === 'invalid_union') && valueOf(iss) === undefined;
  return missing ? `is missing; ${allowed}` : allowed;
}

function describeAllowed(iss: RawIssue | Issue): string {
  switch (iss.code) {
    case 'invalid_type':
      return `expected ${typeName(iss.expected)}`;
    case 'invalid_value':
      return oneOf(iss.values);
    case 'unrecognized_keys':
      return unknownKeys(iss.keys, 'inst' in iss ? allowedKeys(iss.inst) : []);
    case 'too_small':
      return bound(iss.origin, iss.minimum, iss.inclusive, true);
    case 'too_big':
      return bound(iss.origin, iss.maximum, iss.inclusive, false);
    case 'invalid_format':
      return format(iss);
    case 'not_multiple_of':
      return `must be a multiple of ${iss.divisor}`;
    case 'invalid_union':
      if (iss.discriminator !== undefined && 'options' in iss && Array.isArray(iss.options)) return oneOf(iss.options as readonly unknown[]);
      return unionLine(iss.errors) ?? 'does not match any of the allowed forms';
    case 'invalid_key':
      return `has a key that is not allowed: ${iss.issues.map((i) => i.message).join('; ')}`;
    case 'invalid_element':
      return `has a value that is not allowed: ${iss.issues.map((i) => i.message).join('; ')}`;
    case 'custom':
      return iss.message ?? 'is not allowed';
  }
}

/** A zod error map (pass as `error` to `safeParse`, or use `parseOptions`). */
export function zodErrorMap(iss: RawIssue): string {
  return describe(iss);
}

/**
 * The message of an issue parsed without `zodErrorMap`: the schema's own message, or ours in
 * place of zod's default wording.
 */
export function issueMessage(issue: Issue): string {
  const zodDefault = defaultMessage(issue);
  return zodDefault !== undefined && issue.message === zodDefault ? describe(issue) : issue.message;
}

/** zod's English wording, to tell its default messages from a schema's own. */
const zodEnglish = z.locales.en().localeError;

function defaultMessage(issue: Issue): string | undefined {
  const m = zodEnglish(issue as unknown as RawIssue);
  return typeof m === 'string' ? m : m?.message;
}

function dotted(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : '(top level)';
}

function withValue(issue: Issue, message: string): string {
  // A custom (refine) issue's input is the whole object it checked, and an unknown key's is
  // the object holding it: neither is worth quoting back.
  if (issue.code === 'custom' || issue.code === 'unrecognized_keys') return message;
  const value = valueOf(issue);
  const shown = shownValue(value);
  const structured = typeof value === 'object' && value !== null;
  if (shown === undefined || (structured && issue.code !== 'invalid_type' && issue.code !== 'invalid_union')) return message;
  return `${message} (got ${shown})`;
}

/**
 * `file: path: message (got X)`, one line per issue. A union whose alternatives failed inside
 * the value (an object of one shape or another) is reported as its closest alternative, the one
 * with the fewest problems, rather than as a wall of every alternative's problems.
 */
export function issueLines(file: string, issues: readonly Issue[], prefix: readonly PropertyKey[] = []): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'invalid_union' && issue.errors.length > 0 && unionLine(issue.errors) === undefined) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!;
      return issueLines(file, closest, [...prefix, ...issue.path]);
    }
    return [`${file}: ${dotted([...prefix, ...issue.path])}: ${withValue(issue, issueMessage(issue))}`];
  });
}
