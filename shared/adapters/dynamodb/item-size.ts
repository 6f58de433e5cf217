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
  for (const [name, value] of Object.entries(item)) size += attributeSizeBytes(name, value, marshalled);
  return size;
}

/** One attribute's share of the item size: its name plus its value; 0 for an undefined value (never stored). */
export function attributeSizeBytes(name: string, value: unknown, marshalled: boolean): number {
  const typed = classify(value, marshalled);
  return typed ? utf8Bytes(name) + typedSize(typed, marshalled) : 0;
}

/** Whether every attribute is a low-level AttributeValue; see dynamoItemSizeBytes for why this is decisive. */
export function isMarshalledItem(item: Readonly<Record<string, unknown>>): boolean {
  let any = false;
  for (const value of Object.values(item)) {
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

/**
 * A 32-bit fingerprint of a value that is the same for equal values in either form, so a write
 * can be compared with what was read: DynamoDB skips index writes when nothing projected changed.
 */
export function valueFingerprint(value: unknown, marshalled: boolean): number {
  return fnv1a(canonicalText(value, marshalled));
}

/** A type-tagged text of a value, equal for equal values in either form: map keys and set elements sorted, numbers normalised. */
export function canonicalText(value: unknown, marshalled: boolean): string {
  const parts: string[] = [];
  canonical(value, marshalled, parts);
  return parts.join('');
}

/** An item's identity in a table: the table name and its key attributes' canonical texts (unhashed, so two keys never collide). */
export function canonicalKeyText(table: string, itemOrKey: Readonly<Record<string, unknown>>, keyNames: readonly string[]): string | undefined {
  const marshalled = isMarshalledItem(itemOrKey);
  let text = table;
  for (const name of keyNames) {
    const value = itemOrKey[name];
    if (value === undefined) return undefined;
    text += `\u0000${canonicalText(value, marshalled)}`;
  }
  return text;
}

/** The DynamoDB type of a value (S, N, B, BOOL, NULL, M, L, SS, NS, BS), or undefined for an undefined value. */
export function dynamoTypeOf(value: unknown, marshalled: boolean): string | undefined {
  return classify(value, marshalled)?.[0];
}

// ---------------------------------------------------------------------------------------------

type Typed =
  | readonly ['S', string]
  | readonly ['N', string]
  | readonly ['B', Uint8Array]
  | readonly ['BOOL' | 'NULL', boolean]
  | readonly ['M', Readonly<Record<string, unknown>>]
  | readonly ['L', readonly unknown[]]
  | readonly ['SS' | 'NS', readonly string[]]
  | readonly ['BS', readonly Uint8Array[]];

const descriptors = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS']);

function isAttributeValue(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Uint8Array || value instanceof Set) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1 || !descriptors.has(keys[0]!)) return false;
  const [tag, inner] = Object.entries(value)[0]!;
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

function classify(value: unknown, marshalled: boolean): Typed | undefined {
  if (marshalled) {
    if (!isAttributeValue(value)) return undefined;
    const [tag, inner] = Object.entries(value as object)[0]!;
    return [tag, inner] as Typed;
  }
  switch (typeof value) {
    case 'string':
      return ['S', value];
    case 'number':
    case 'bigint':
      return ['N', String(value)];
    case 'boolean':
      return ['BOOL', value];
    case 'undefined':
      return undefined;
  }
  if (value === null) return ['NULL', true];
  if (value instanceof NumberValue) return ['N', value.value];
  if (value instanceof Uint8Array) return ['B', value];
  if (value instanceof ArrayBuffer) return ['B', new Uint8Array(value)];
  if (Array.isArray(value)) return ['L', value];
  if (value instanceof Set) {
    const elements = [...(value as Set<unknown>)];
    const first = elements[0];
    if (first instanceof Uint8Array) return ['BS', elements as Uint8Array[]];
    if (typeof first === 'string') return ['SS', elements as string[]];
    return ['NS', elements.map((e) => (e instanceof NumberValue ? e.value : String(e)))];
  }
  if (typeof value === 'object') return ['M', value as Record<string, unknown>];
  return undefined;
}

function typedSize(typed: Typed, marshalled: boolean): number {
  switch (typed[0]) {
    case 'S':
      return utf8Bytes(typed[1]);
    case 'N':
      return numberBytes(typed[1]);
    case 'B':
      return typed[1].byteLength;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
      return typed[1].reduce((sum, s) => sum + utf8Bytes(s), 0);
    case 'NS':
      return typed[1].reduce((sum, n) => sum + numberBytes(n), 0);
    case 'BS':
      return typed[1].reduce((sum, b) => sum + b.byteLength, 0);
    case 'L': {
      let size = 3;
      for (const element of typed[1]) {
        const inner = classify(element, marshalled);
        if (inner) size += typedSize(inner, marshalled) + 1;
      }
      return size;
    }
    case 'M': {
      let size = 3;
      for (const [name, element] of Object.entries(typed[1])) {
        const inner = classify(element, marshalled);
        if (inner) size += utf8Bytes(name) + typedSize(inner, marshalled) + 1;
      }
      return size;
    }
  }
}

/** Significant digits of a decimal string: sign, point and exponent dropped, leading and trailing zeros trimmed. */
export function significantDigits(text: string): string {
  const mantissa = text.trim().replace(/^[+-]/, '').split(/e/i)[0] ?? '';
  return mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
}

function numberBytes(text: string): number {
  const { negative, digits, point } = decomposeNumber(text);
  if (!digits) return 1;
  // A point after an odd number of digits puts a leading zero in the first pair.
  const lead = ((point % 2) + 2) % 2;
  return Math.ceil((lead + digits.length) / 2) + 1 + (negative ? 1 : 0);
}

/** "-0.0120" is negative, digits "12", point -1 (the value is -0.12 x 10^-1). */
function decomposeNumber(text: string): { negative: boolean; digits: string; point: number } {
  const trimmed = text.trim();
  const [mantissa = '', exponent = '0'] = trimmed.replace(/^[+-]/, '').split(/e/i);
  const [whole = '', fraction = ''] = mantissa.split('.');
  const all = whole + fraction;
  const leading = all.length - all.replace(/^0+/, '').length;
  const digits = significantDigits(mantissa);
  return { negative: trimmed.startsWith('-') && digits !== '', digits, point: whole.length - leading + Number(exponent) };
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function canonical(value: unknown, marshalled: boolean, out: string[]): void {
  const typed = classify(value, marshalled);
  if (!typed) {
    out.push('U');
    return;
  }
  switch (typed[0]) {
    case 'S':
      out.push('S', JSON.stringify(typed[1]));
      return;
    case 'N':
      out.push('N', normalisedNumber(typed[1]));
      return;
    case 'B':
      out.push('B', Buffer.from(typed[1]).toString('base64'), ';');
      return;
    case 'BOOL':
    case 'NULL':
      out.push(typed[0], String(typed[1]), ';');
      return;
    case 'SS':
      out.push('SS', JSON.stringify([...typed[1]].sort()));
      return;
    case 'NS':
      out.push('NS', JSON.stringify(typed[1].map(normalisedNumber).sort()));
      return;
    case 'BS':
      out.push('BS', JSON.stringify(typed[1].map((b) => Buffer.from(b).toString('base64')).sort()));
      return;
    case 'L':
      out.push('L[');
      for (const element of typed[1]) {
        canonical(element, marshalled, out);
        out.push(',');
      }
      out.push(']');
      return;
    case 'M':
      out.push('M{');
      for (const name of Object.keys(typed[1]).sort()) {
        const element = typed[1][name];
        if (element === undefined) continue;
        out.push(JSON.stringify(name), ':');
        canonical(element, marshalled, out);
        out.push(',');
      }
      out.push('}');
      return;
  }
}

/** "-12.50" and "-1.25e1" both become "-125e2": sign, significant digits, position of the point. */
function normalisedNumber(text: string): string {
  const { negative, digits, point } = decomposeNumber(text);
  return digits ? `${negative ? '-' : ''}${digits}e${point}` : '0';
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
