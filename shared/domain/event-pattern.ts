/**
 * EventBridge event-pattern matching (content filtering), as documented by AWS and implemented by aws/event-ruler.
 * Pure: no I/O, so rules can be checked in unit tests and by the local bus alike.
 */

export type ScalarValue = string | number | boolean | null;
export type NumericOperator = '=' | '<' | '<=' | '>' | '>=';

export interface EqualsIgnoreCaseMatcher { readonly 'equals-ignore-case': string }
export interface PrefixMatcher { readonly prefix: string | EqualsIgnoreCaseMatcher }
export interface SuffixMatcher { readonly suffix: string | EqualsIgnoreCaseMatcher }
export interface WildcardMatcher { readonly wildcard: string }
export interface ExistsMatcher { readonly exists: boolean }
export interface NumericMatcher {
  readonly numeric: readonly [NumericOperator, number] | readonly [NumericOperator, number, NumericOperator, number];
}
export type AnythingButCondition =
  | string
  | number
  | readonly string[]
  | readonly number[]
  | { readonly prefix: string }
  | { readonly suffix: string }
  | { readonly 'equals-ignore-case': string | readonly string[] }
  | { readonly wildcard: string | readonly string[] };
export interface AnythingButMatcher { readonly 'anything-but': AnythingButCondition }

export type ValueMatcher =
  | ScalarValue
  | PrefixMatcher
  | SuffixMatcher
  | EqualsIgnoreCaseMatcher
  | WildcardMatcher
  | ExistsMatcher
  | NumericMatcher
  | AnythingButMatcher;

/** `$or` holds sub-patterns; every other key holds either a list of matchers (a leaf) or a nested pattern. */
export interface EventPattern {
  readonly [field: string]: readonly ValueMatcher[] | readonly EventPattern[] | EventPattern;
}

export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternError';
  readonly path: string;
  readonly problem: string;

  constructor(path: string, problem: string) {
    super(`Invalid event pattern at ${path}: ${problem}`);
    this.path = path;
    this.problem = problem;
  }
}

export function matchesEventPattern(pattern: EventPattern, event: unknown): boolean {
  return objectMatches(pattern, event);
}

// --- matching -------------------------------------------------------------------------------------------------------

type JsonObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOperator<T>(matcher: T): matcher is Exclude<T, ScalarValue> {
  return typeof matcher === 'object' && matcher !== null;
}

function isList(value: unknown): value is readonly unknown[] {
  return Array.isArray(value);
}

function flatten(value: readonly unknown[]): unknown[] {
  return value.flatMap((item) => (isList(item) ? flatten(item) : [item]));
}

function objectMatches(pattern: EventPattern, value: unknown): boolean {
  // Each element of an array of objects is tried on its own, so one match never combines fields from different
  // elements (event-ruler's "array-consistent" matching). With no object at all, every field is simply absent, which
  // is what lets `exists: false` match under a missing parent.
  const objects = isList(value) ? flatten(value).filter(isObject) : isObject(value) ? [value] : [];
  const candidates: (JsonObject | undefined)[] = objects.length > 0 ? objects : [undefined];
  return candidates.some((candidate) =>
    Object.entries(pattern).every(([key, node]) => fieldMatches(key, node, candidate)),
  );
}

function fieldMatches(key: string, node: EventPattern[string], object: JsonObject | undefined): boolean {
  if (key === '$or') return (node as readonly EventPattern[]).some((branch) => objectMatches(branch, object));
  const value = object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
  if (!isList(node)) return objectMatches(node, value);
  return leafMatches(node as readonly ValueMatcher[], leavesOf(value));
}

/** Only scalars are leaves, so an object-valued field counts as absent (AWS: exists works on leaf nodes only). */
function leavesOf(value: unknown): ScalarValue[] {
  const values = isList(value) ? flatten(value) : [value];
  return values.filter(isScalar);
}

function isScalar(value: unknown): value is ScalarValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function leafMatches(matchers: readonly ValueMatcher[], leaves: readonly ScalarValue[]): boolean {
  return matchers.some((matcher) =>
    isOperator(matcher) && 'exists' in matcher
      ? matcher.exists === leaves.length > 0
      : leaves.some((leaf) => valueMatches(matcher, leaf)),
  );
}

function valueMatches(matcher: ValueMatcher, value: ScalarValue): boolean {
  if (!isOperator(matcher)) return matcher === value;
  if ('anything-but' in matcher) return !anythingButExcludes(matcher['anything-but'], value);
  if ('numeric' in matcher) return typeof value === 'number' && numericMatches(matcher.numeric, value);
  if (typeof value !== 'string') return false;
  if ('prefix' in matcher) return affixMatches(matcher.prefix, value, (text, affix) => text.startsWith(affix));
  if ('suffix' in matcher) return affixMatches(matcher.suffix, value, (text, affix) => text.endsWith(affix));
  if ('equals-ignore-case' in matcher) return equalsIgnoringCase(value, matcher['equals-ignore-case']);
  if ('wildcard' in matcher) return wildcardMatches(matcher.wildcard, value);
  return false;
}

function affixMatches(
  affix: string | EqualsIgnoreCaseMatcher,
  value: string,
  test: (text: string, affix: string) => boolean,
): boolean {
  if (typeof affix === 'string') return test(value, affix);
  return test(value.toLowerCase(), affix['equals-ignore-case'].toLowerCase());
}

function equalsIgnoringCase(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** True when the value is covered by the anything-but condition, so the matcher must reject it. */
function anythingButExcludes(condition: AnythingButCondition, value: ScalarValue): boolean {
  if (typeof condition === 'string' || typeof condition === 'number') return condition === value;
  if (isList(condition)) return condition.some((excluded) => excluded === value);
  if (typeof value !== 'string') return false;
  if ('prefix' in condition) return value.startsWith(condition.prefix);
  if ('suffix' in condition) return value.endsWith(condition.suffix);
  const listed = (list: string | readonly string[]): readonly string[] => (typeof list === 'string' ? [list] : list);
  if ('equals-ignore-case' in condition) {
    return listed(condition['equals-ignore-case']).some((name) => equalsIgnoringCase(value, name));
  }
  return listed(condition.wildcard).some((glob) => wildcardMatches(glob, value));
}

function numericMatches(range: NumericMatcher['numeric'], value: number): boolean {
  const [firstOperator, firstBound, secondOperator, secondBound] = range;
  if (!compare(firstOperator, value, firstBound)) return false;
  return secondOperator === undefined || secondBound === undefined || compare(secondOperator, value, secondBound);
}

function compare(operator: NumericOperator, value: number, bound: number): boolean {
  switch (operator) {
    case '=': return value === bound;
    case '<': return value < bound;
    case '<=': return value <= bound;
    case '>': return value > bound;
    case '>=': return value >= bound;
  }
}

const wildcardCache = new Map<string, RegExp>();

function wildcardMatches(glob: string, value: string): boolean {
  let regex = wildcardCache.get(glob);
  if (regex === undefined) {
    regex = wildcardToRegExp(glob);
    wildcardCache.set(glob, regex);
  }
  return regex.test(value);
}

/** `*` is any run of characters; `\*` and `\\` are a literal star and backslash (validated beforehand). */
function wildcardToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i] ?? '';
    if (char === '*') source += '.*';
    else source += escapeRegExp(char === '\\' ? (glob[(i += 1)] ?? '') : char);
  }
  return new RegExp(`^${source}$`, 'su');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// --- validation -----------------------------------------------------------------------------------------------------

/** Checks untrusted JSON (rule definitions, config) before it reaches matching, which assumes a well-formed pattern. */
export function validateEventPattern(pattern: unknown): EventPattern {
  checkPattern(pattern, '$');
  return pattern as EventPattern;
}

function fail(path: string, problem: string): never {
  throw new InvalidEventPatternError(path, problem);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return isList(value) ? 'an array' : typeof value;
}

function childPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function checkPattern(pattern: unknown, path: string): void {
  if (!isObject(pattern)) fail(path, `must be an object, got ${describe(pattern)}`);
  const entries = Object.entries(pattern);
  // An empty object would silently match every event, which is never what a rule author meant.
  if (entries.length === 0) fail(path, 'must contain at least one field');
  for (const [key, node] of entries) {
    const at = childPath(path, key);
    if (key === '$or') checkOr(node, at);
    else if (isList(node)) checkLeaf(node, at);
    else if (isObject(node)) checkPattern(node, at);
    else fail(at, `must be an array of match values or a nested object, got ${describe(node)}`);
  }
}

function checkOr(branches: unknown, path: string): void {
  if (!isList(branches) || branches.length < 2) fail(path, 'must be an array of at least two patterns');
  branches.forEach((branch, index) => checkPattern(branch, `${path}[${index}]`));
}

function checkLeaf(matchers: readonly unknown[], path: string): void {
  if (matchers.length === 0) fail(path, 'must not be empty');
  matchers.forEach((matcher, index) => checkMatcher(matcher, `${path}[${index}]`));
}

function checkMatcher(matcher: unknown, path: string): void {
  if (matcher === null || typeof matcher === 'string' || typeof matcher === 'boolean') return;
  if (typeof matcher === 'number') return checkNumber(matcher, path);
  if (!isObject(matcher)) {
    fail(path, `must be a string, number, boolean, null or operator object, got ${describe(matcher)}`);
  }
  const [operator, ...others] = Object.keys(matcher);
  if (operator === undefined || others.length > 0) fail(path, 'an operator object must have exactly one key');
  const argument = matcher[operator];
  const at = childPath(path, operator);
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return isObject(argument) ? checkIgnoreCase(argument, at) : checkString(argument, at);
    case 'equals-ignore-case':
      return checkString(argument, at);
    case 'wildcard':
      return checkWildcard(argument, at);
    case 'exists':
      if (typeof argument !== 'boolean') fail(at, `must be true or false, got ${describe(argument)}`);
      return;
    case 'numeric':
      return checkNumeric(argument, at);
    case 'anything-but':
      return checkAnythingBut(argument, at);
    default:
      fail(path, `unsupported operator "${operator}"`);
  }
}

function checkString(value: unknown, path: string): void {
  if (typeof value !== 'string') fail(path, `must be a string, got ${describe(value)}`);
}

function checkNumber(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(path, `must be a finite number, got ${String(value)}`);
}

function checkIgnoreCase(argument: JsonObject, path: string): void {
  const keys = Object.keys(argument);
  if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') {
    fail(path, 'only {"equals-ignore-case": "..."} may nest here');
  }
  checkString(argument['equals-ignore-case'], childPath(path, 'equals-ignore-case'));
}

function checkWildcard(glob: unknown, path: string): void {
  if (typeof glob !== 'string') fail(path, `must be a string, got ${describe(glob)}`);
  let previousWasWildcard = false;
  for (let i = 0; i < glob.length; i += 1) {
    const char = glob[i];
    if (char === '\\') {
      const escaped = glob[(i += 1)];
      if (escaped !== '*' && escaped !== '\\') fail(path, 'a backslash may only escape "*" or "\\"');
    } else if (char === '*' && previousWasWildcard) {
      fail(path, 'consecutive wildcard characters are not allowed');
    }
    previousWasWildcard = char === '*';
  }
}

const lowerBounds: readonly unknown[] = ['>', '>='];
const upperBounds: readonly unknown[] = ['<', '<='];
const operators: readonly unknown[] = ['=', ...lowerBounds, ...upperBounds];

function checkNumeric(range: unknown, path: string): void {
  if (!isList(range) || (range.length !== 2 && range.length !== 4)) {
    fail(path, 'must be [operator, number] or [operator, number, operator, number]');
  }
  range.forEach((item, index) => {
    if (index % 2 === 1) return checkNumber(item, `${path}[${index}]`);
    if (!operators.includes(item)) fail(`${path}[${index}]`, `unknown numeric operator ${JSON.stringify(item)}`);
  });
  if (range.length === 2) return;
  const [firstOperator, first, secondOperator, second] = range as [string, number, string, number];
  const lower = lowerBounds.includes(firstOperator) ? first : second;
  const upper = upperBounds.includes(secondOperator) ? second : first;
  const isRange = lowerBounds.includes(firstOperator) !== lowerBounds.includes(secondOperator)
    && upperBounds.includes(firstOperator) !== upperBounds.includes(secondOperator);
  if (!isRange) fail(path, 'a two-sided range needs one of ">", ">=" and one of "<", "<="');
  if (lower >= upper) fail(path, 'the lower bound must be less than the upper bound');
}

function checkAnythingBut(condition: unknown, path: string): void {
  if (typeof condition === 'string') return;
  if (typeof condition === 'number') return checkNumber(condition, path);
  if (isList(condition)) {
    const allStrings = condition.every((item) => typeof item === 'string');
    if (condition.length === 0 || !(allStrings || condition.every((item) => typeof item === 'number'))) {
      fail(path, 'must be a non-empty list of only strings or only numbers');
    }
    return condition.forEach((item, index) => allStrings || checkNumber(item, `${path}[${index}]`));
  }
  if (!isObject(condition)) fail(path, `must be a string, number, list or operator object, got ${describe(condition)}`);
  const [operator, ...others] = Object.keys(condition);
  if (operator === undefined || others.length > 0) fail(path, 'an operator object must have exactly one key');
  const argument = condition[operator];
  const at = childPath(path, operator);
  const checkStrings = (check: (value: unknown, where: string) => void): void => {
    if (!isList(argument)) return check(argument, at);
    if (argument.length === 0) fail(at, 'must not be empty');
    argument.forEach((item, index) => check(item, `${at}[${index}]`));
  };
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return checkString(argument, at);
    case 'equals-ignore-case':
      return checkStrings(checkString);
    case 'wildcard':
      return checkStrings(checkWildcard);
    default:
      fail(path, `unsupported operator "${operator}" inside anything-but`);
  }
}
