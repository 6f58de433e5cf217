import { NumberValue } from '@aws-sdk/lib-dynamodb';

/**
 * DynamoDB's item size as AWS documents it for capacity ("DynamoDB item sizes and formats",
 * developerguide/CapacityUnitCalculations.html), because capacity is billed on it:
 *
 * - an item is the sum over its attributes of (UTF-8 bytes of the name) + (size of the value);
 * - string: its UTF-8 bytes; binary: its raw bytes; boolean and null: 1 byte;
 * - number: "approximately 1 byte per two significant digits, plus 1 byte" — counted here the way
 *   the digits are actually stored: in pairs aligned on the decimal point (so 1.2 is "01|20",
 *   two pairs), plus 1 byte, plus 1 more for a negative number;
 * - list and map: 3 bytes, plus each element's size, plus 1 byte per element (a map element's
 *   size includes the UTF-8 bytes of its name);
 * - string, number and binary sets: the sum of their elements' sizes.
 *
 * Checked against DynamoDB Local (2026-01-16), which bills writes on this size: equal to the byte
 * for strings, numbers, binaries, booleans, nulls, sets, lists and maps (docs/benchmarks.md).
 *
 * Items come either as the document client's plain values or as low-level AttributeValues
 * (`{ S: 'x' }`); both give the same size. An item always holds its key attributes, which in
 * plain form are strings, numbers or bytes and never one-key `{ S | N | B: ... }` objects, so the
 * two forms cannot be mistaken for each other (see isMarshalledItem).
 */
export function dynamoItemSizeBytes(item: Readonly<Record<string, unknown>>): number {
  const marshalled = isMarshalledItem(item);
  let size = 0;
  for (const name in item) size += attributeSizeBytes(name, item[name], marshalled);
  return size;
}

/** One attribute's share of the item size: its name plus its value; 0 for an undefined value (never stored). */
export function attributeSizeBytes(name: string, value: unknown, marshalled: boolean): number {
  return measureAttribute(name, value, marshalled)?.size ?? 0;
}

/**
 * An attribute's size and a 32-bit fingerprint of its value, in one pass. The fingerprint is the
 * same for equal values in either form (map entries and set elements in any order, numbers in any
 * notation), so a write can be compared with what was read: DynamoDB skips an index write when
 * nothing projected changed. Undefined for an undefined value.
 */
export function measureAttribute(name: string, value: unknown, marshalled: boolean): { size: number; print: number } | undefined {
  const size = marshalled ? measureMarshalled(value) : measurePlain(value);
  if (size < 0) return undefined;
  return { size: utf8Length(name) + size, print: lastHash };
}

/** Whether every attribute is a low-level AttributeValue; see dynamoItemSizeBytes for why this is decisive. */
export function isMarshalledItem(item: Readonly<Record<string, unknown>>): boolean {
  let any = false;
  for (const name in item) {
    const value = item[name];
    if (value === undefined) continue;
    if (!isAttributeValue(value)) return false;
    any = true;
  }
  return any;
}

/** Whether the values of a call (Key, Item, ExpressionAttributeValues) are AttributeValues; false when there are none. */
export function isMarshalledValues(values: Readonly<Record<string, unknown>> | undefined): boolean {
  return values !== undefined && isMarshalledItem(values);
}

/** An item's identity in a table: the table and its key attributes as typed text (unhashed, so two keys never collide). */
export function canonicalKeyText(table: string, itemOrKey: Readonly<Record<string, unknown>>, keyNames: readonly string[]): string | undefined {
  const marshalled = isMarshalledItem(itemOrKey);
  let text = table;
  for (const name of keyNames) {
    const part = scalarText(itemOrKey[name], marshalled);
    if (part === undefined) return undefined;
    text += `\u0000${part}`;
  }
  return text;
}

/** The DynamoDB type of a value (S, N, B, BOOL, NULL, M, L, SS, NS, BS), or undefined for an undefined value. */
export function dynamoTypeOf(value: unknown, marshalled: boolean): string | undefined {
  if (marshalled) return isAttributeValue(value) ? Object.keys(value as object)[0] : undefined;
  switch (typeof value) {
    case 'string':
      return 'S';
    case 'number':
    case 'bigint':
      return 'N';
    case 'boolean':
      return 'BOOL';
    case 'undefined':
      return undefined;
  }
  if (value === null) return 'NULL';
  if (value instanceof NumberValue) return 'N';
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) return 'B';
  if (Array.isArray(value)) return 'L';
  if (value instanceof Set) {
    const first: unknown = value.values().next().value;
    return first instanceof Uint8Array ? 'BS' : typeof first === 'string' ? 'SS' : 'NS';
  }
  return typeof value === 'object' ? 'M' : undefined;
}

// ---------------------------------------------------------------------------------------------
// One recursive pass per value: returns the size (-1 for undefined) and leaves the hash in lastHash.
// A module variable rather than a returned pair, because this runs for every node of every item
// the capacity meter sees and allocation would dominate.

let lastHash = 0;

const descriptors = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);

function isAttributeValue(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array || value instanceof Set) return false;
  let tag: string | undefined;
  for (const key in value) {
    if (tag !== undefined) return false;
    tag = key;
  }
  if (tag === undefined || !descriptors.has(tag)) return false;
  const inner = (value as Record<string, unknown>)[tag];
  switch (tag) {
    case 'S':
    case 'N':
      return typeof inner === 'string';
    case 'B':
      return inner instanceof Uint8Array;
    case 'BOOL':
      return typeof inner === 'boolean';
    case 'NULL':
      return inner === true;
    case 'M':
      return typeof inner === 'object' && inner !== null && !Array.isArray(inner);
    default:
      return Array.isArray(inner);
  }
}

// Type tags mixed into the hashes, so "1" the string and 1 the number differ.
const tagS = 0x53;
const tagN = 0x4e;
const tagB = 0x42;
const tagTrue = 0x54;
const tagFalse = 0x46;
const tagNull = 0x30;
const tagM = 0x4d;
const tagL = 0x4c;
const tagSet = 0x5353;

function measurePlain(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return measureString(value);
    case 'number':
    case 'bigint':
      return measureNumber(String(value));
    case 'boolean':
      lastHash = mix(0x811c9dc5, value ? tagTrue : tagFalse);
      return 1;
    case 'undefined':
      return -1;
  }
  if (value === null) {
    lastHash = mix(0x811c9dc5, tagNull);
    return 1;
  }
  if (value instanceof NumberValue) return measureNumber(value.value);
  if (value instanceof Uint8Array) return measureBinary(value);
  if (value instanceof ArrayBuffer) return measureBinary(new Uint8Array(value));
  if (Array.isArray(value)) {
    let size = 3;
    let hash = mix(0x811c9dc5, tagL);
    for (const element of value) {
      const inner = measurePlain(element);
      if (inner < 0) continue;
      size += inner + 1;
      hash = mix(hash, lastHash);
    }
    lastHash = hash;
    return size;
  }
  if (value instanceof Set) {
    let size = 0;
    let sum = 0;
    for (const element of value) {
      size += measurePlain(element);
      sum = (sum + lastHash) >>> 0;
    }
    lastHash = mix(mix(0x811c9dc5, tagSet), sum);
    return size;
  }
  if (typeof value === 'object') {
    let size = 3;
    let sum = 0;
    const map = value as Record<string, unknown>;
    for (const name in map) {
      const inner = measurePlain(map[name]);
      if (inner < 0) continue;
      const valueHash = lastHash;
      size += measureString(name) + inner + 1;
      // Entries are summed, not chained: the fingerprint must not depend on their order.
      sum = (sum + mix(lastHash, valueHash)) >>> 0;
    }
    lastHash = mix(mix(0x811c9dc5, tagM), sum);
    return size;
  }
  return -1;
}

function measureMarshalled(value: unknown): number {
  if (!isAttributeValue(value)) return -1;
  const av = value as Record<string, unknown>;
  if (typeof av.S === 'string') return measureString(av.S);
  if (typeof av.N === 'string') return measureNumber(av.N);
  if (av.B instanceof Uint8Array) return measureBinary(av.B);
  if (typeof av.BOOL === 'boolean') {
    lastHash = mix(0x811c9dc5, av.BOOL ? tagTrue : tagFalse);
    return 1;
  }
  if (av.NULL === true) {
    lastHash = mix(0x811c9dc5, tagNull);
    return 1;
  }
  if (Array.isArray(av.L)) {
    let size = 3;
    let hash = mix(0x811c9dc5, tagL);
    for (const element of av.L) {
      const inner = measureMarshalled(element);
      if (inner < 0) continue;
      size += inner + 1;
      hash = mix(hash, lastHash);
    }
    lastHash = hash;
    return size;
  }
  const elements = (av.SS ?? av.NS ?? av.BS) as unknown[] | undefined;
  if (elements) {
    let size = 0;
    let sum = 0;
    for (const element of elements) {
      size += av.SS ? measureString(String(element)) : av.NS ? measureNumber(String(element)) : measureBinary(element as Uint8Array);
      sum = (sum + lastHash) >>> 0;
    }
    lastHash = mix(mix(0x811c9dc5, tagSet), sum);
    return size;
  }
  let size = 3;
  let sum = 0;
  const map = av.M as Record<string, unknown>;
  for (const name in map) {
    const inner = measureMarshalled(map[name]);
    if (inner < 0) continue;
    const valueHash = lastHash;
    size += measureString(name) + inner + 1;
    sum = (sum + mix(lastHash, valueHash)) >>> 0;
  }
  lastHash = mix(mix(0x811c9dc5, tagM), sum);
  return size;
}

/** UTF-8 length and FNV-1a hash of a string in one loop over its UTF-16 code units. */
function measureString(text: string): number {
  let bytes = 0;
  let hash = mix(0x811c9dc5, tagS);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    hash = Math.imul(hash ^ code, 0x01000193);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is one code point of 4 bytes; the low half is hashed on the next turn.
      bytes += 4;
      hash = Math.imul(hash ^ text.charCodeAt(++i), 0x01000193);
    } else bytes += 3;
  }
  lastHash = hash >>> 0;
  return bytes;
}

function utf8Length(text: string): number {
  const hash = lastHash;
  const bytes = measureString(text);
  lastHash = hash;
  return bytes;
}

function measureBinary(bytes: Uint8Array): number {
  let hash = mix(0x811c9dc5, tagB);
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  lastHash = hash >>> 0;
  return bytes.byteLength;
}

function measureNumber(text: string): number {
  const { negative, digits, point } = decomposeNumber(text);
  // Hashed in normalised form, so 1.50, 1.5 and 15e-1 are the same number.
  measureString(digits ? `${negative ? '-' : ''}${digits}e${point}` : '0');
  lastHash = mix(lastHash, tagN);
  if (!digits) return 1;
  // A point after an odd number of digits puts a leading zero in the first pair.
  const lead = ((point % 2) + 2) % 2;
  return Math.ceil((lead + digits.length) / 2) + 1 + (negative ? 1 : 0);
}

/** "-0.0120" is negative, digits "12", point -1 (the value is -0.12 x 10^-1). */
function decomposeNumber(text: string): { negative: boolean; digits: string; point: number } {
  let start = 0;
  let end = text.length;
  const negative = text.charCodeAt(0) === 0x2d;
  if (negative || text.charCodeAt(0) === 0x2b) start = 1;
  let exponent = 0;
  let e = text.indexOf('e');
  if (e < 0) e = text.indexOf('E');
  if (e >= 0) {
    exponent = Number(text.slice(e + 1));
    end = e;
  }
  const dot = text.indexOf('.', start);
  const whole = dot >= 0 && dot < end ? dot - start : end - start;
  const mantissa = dot >= 0 && dot < end ? text.slice(start, dot) + text.slice(dot + 1, end) : text.slice(start, end);
  let first = 0;
  while (first < mantissa.length && mantissa.charCodeAt(first) === 0x30) first++;
  let last = mantissa.length;
  while (last > first && mantissa.charCodeAt(last - 1) === 0x30) last--;
  const digits = mantissa.slice(first, last);
  return { negative: negative && digits !== '', digits, point: whole - first + exponent };
}

function scalarText(value: unknown, marshalled: boolean): string | undefined {
  const type = dynamoTypeOf(value, marshalled);
  const inner = marshalled ? (value as Record<string, unknown>)[type ?? ''] : value;
  switch (type) {
    case 'S':
      return `S${String(inner)}`;
    case 'N': {
      const { negative, digits, point } = decomposeNumber(inner instanceof NumberValue ? inner.value : String(inner));
      return digits ? `N${negative ? '-' : ''}${digits}e${point}` : 'N0';
    }
    case 'B':
      return `B${Buffer.from(inner instanceof ArrayBuffer ? new Uint8Array(inner) : (inner as Uint8Array)).toString('base64')}`;
    default:
      return undefined;
  }
}

function mix(hash: number, value: number): number {
  return Math.imul((hash ^ value) >>> 0, 0x01000193) >>> 0;
}
