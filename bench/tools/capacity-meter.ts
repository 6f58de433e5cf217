import type { InitializeHandlerArguments, InitializeHandlerOutput, InitializeMiddleware, MiddlewareStack } from '@smithy/types';
import { attributeSizeBytes, canonicalKeyText, dynamoTypeOf, isMarshalledItem, isMarshalledValues, measureAttribute } from './item-size.ts';

// ---------------------------------------------------------------------------------------------
// What AWS on-demand bills (pure).

/** How a read is priced: 1 unit per 4 KB strongly consistent, half that eventually, twice that in a transaction. */
export type ReadConsistency = 'eventual' | 'strong' | 'transactional';

export interface ReadCharge {
  readonly kind: 'read';
  readonly consistency: ReadConsistency;
  /**
   * `per-item`: every item is rounded up to 4 KB on its own (GetItem, BatchGetItem, TransactGetItems);
   * a key that finds no item still costs one unit, so it is listed with size 0.
   * `per-page`: the page's item sizes are summed, then rounded up to 4 KB (Query, Scan).
   */
  readonly rounding: 'per-item' | 'per-page';
  readonly itemSizes: readonly number[];
}

export interface WriteCharge {
  readonly kind: 'write';
  /** TransactWriteItems: the service prepares and commits every item, so each costs twice. */
  readonly transactional: boolean;
  /** Per item written: the larger of its size before and after the write (a delete: its size before). */
  readonly itemSizes: readonly number[];
  /**
   * Per global secondary index entry written (a key change writes two: delete and put). Index
   * entries are propagated after the write commits, so they are priced as plain writes even for
   * a transaction (AWS: "After a transaction completes, its changes start propagating to GSIs").
   */
  readonly indexEntrySizes?: readonly number[];
}

export type CapacityCharge = ReadCharge | WriteCharge;

export interface BilledUnits {
  readonly readRequestUnits: number;
  readonly writeRequestUnits: number;
  /** The part of writeRequestUnits spent on global secondary index entries. */
  readonly indexWriteRequestUnits: number;
}

const readFactor: Readonly<Record<ReadConsistency, number>> = { eventual: 0.5, strong: 1, transactional: 2 };

/** Read and write request units AWS on-demand bills for the given charges. */
export function awsBilledUnits(charges: Iterable<CapacityCharge>): BilledUnits {
  let readRequestUnits = 0;
  let writeRequestUnits = 0;
  let indexWriteRequestUnits = 0;
  for (const charge of charges) {
    if (charge.kind === 'read') {
      const blocks =
        charge.rounding === 'per-page'
          ? Math.max(1, Math.ceil(sum(charge.itemSizes) / 4096))
          : charge.itemSizes.reduce((total, size) => total + Math.max(1, Math.ceil(size / 4096)), 0);
      readRequestUnits += blocks * readFactor[charge.consistency];
    } else {
      const kilobytes = (sizes: readonly number[]) => sizes.reduce((total, size) => total + Math.max(1, Math.ceil(size / 1024)), 0);
      const index = kilobytes(charge.indexEntrySizes ?? []);
      writeRequestUnits += kilobytes(charge.itemSizes) * (charge.transactional ? 2 : 1) + index;
      indexWriteRequestUnits += index;
    }
  }
  return { readRequestUnits, writeRequestUnits, indexWriteRequestUnits };
}

// ---------------------------------------------------------------------------------------------
// The meter.

export interface IndexKeySchema {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  /** Non-key attributes an INCLUDE projection copies; absent means the index projects ALL. */
  readonly include?: readonly string[];
}

/** A table's keys and its global secondary indexes (ALL or INCLUDE projections). */
export interface TableSchema {
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly indexes?: readonly IndexKeySchema[];
}

export interface CapacityMeterOptions {
  /** Schemas by table name. Without one the meter cannot remember a table's items nor bill its index writes. */
  readonly tables?: Readonly<Record<string, TableSchema>>;
  /** The schema of any table not named in `tables`. */
  readonly anyTable?: TableSchema;
  /** How many items' attribute sizes to remember (default 1,000,000); beyond it, new items are not remembered. */
  readonly rememberItems?: number;
}

export interface OperationTotals {
  readonly calls: number;
  readonly failedCalls: number;
  readonly itemsRead: number;
  readonly itemsWritten: number;
  /** Capacity as the server reported it in ConsumedCapacity (DynamoDB Local's own arithmetic, when run locally). */
  readonly reportedReadUnits: number;
  readonly reportedWriteUnits: number;
  /** What AWS on-demand would bill for the same calls, by awsBilledUnits over the item sizes the meter saw. */
  readonly billedReadRequestUnits: number;
  readonly billedWriteRequestUnits: number;
  /** The part of billedWriteRequestUnits spent on global secondary index entries. */
  readonly billedIndexWriteRequestUnits: number;
}

type MutableTotals = { -readonly [K in keyof OperationTotals]: OperationTotals[K] };

/** Anything with a smithy middleware stack: a DynamoDBClient or a DynamoDBDocumentClient (which shares its client's stack). */
export interface HasMiddlewareStack<Input extends object, Output extends object> {
  readonly middlewareStack: MiddlewareStack<Input, Output>;
}

type Json = Readonly<Record<string, unknown>>;

const capacityOperations = new Set([
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
  'ExecuteStatement',
  'BatchExecuteStatement',
  'ExecuteTransaction',
]);
const readOperations = new Set(['GetItem', 'BatchGetItem', 'Query', 'Scan', 'TransactGetItems']);

let meterCount = 0;

/**
 * Counts, per DynamoDB operation, the calls a client makes, the items they read and wrote, the
 * capacity the server reported, and what AWS on-demand would bill for them.
 *
 * It asks for ConsumedCapacity on every call that supports it, so a benchmark sees the server's
 * own figure without touching the code under test. The billed figure needs item sizes the
 * requests do not carry (an UpdateItem is billed on the whole item, before or after): the meter
 * remembers the attribute sizes of items it has seen read or written, by key, and applies an
 * update's SET/REMOVE/ADD/DELETE to them. An item it never saw is billed as if it held only what
 * the write puts in it. Calls that fail are counted, not billed.
 */
export class CapacityMeter {
  private readonly byOperation = new Map<string, MutableTotals>();
  private readonly images = new Map<string, ItemImage>();
  private readonly name = `capacityMeter${++meterCount}`;
  private readonly rememberLimit: number;

  constructor(private readonly options: CapacityMeterOptions = {}) {
    this.rememberLimit = options.rememberItems ?? 1_000_000;
  }

  /** Meters every call sent through the client from now on; returns the function that stops it. */
  attach<Input extends object, Output extends object>(client: HasMiddlewareStack<Input, Output>): () => void {
    const middleware: InitializeMiddleware<Input, Output> = (next, context) => async (args: InitializeHandlerArguments<Input>) => {
      const operation = (context.commandName ?? 'Unknown').replace(/Command$/, '');
      const input = args.input as Json;
      const capacity = input.ReturnConsumedCapacity;
      const sent =
        capacityOperations.has(operation) && (capacity === undefined || capacity === 'NONE')
          ? { ...args, input: { ...input, ReturnConsumedCapacity: 'TOTAL' } as unknown as Input }
          : args;
      let result: InitializeHandlerOutput<Output>;
      try {
        result = await next(sent);
      } catch (error) {
        const totals = this.totalsOf(operation);
        totals.calls++;
        totals.failedCalls++;
        throw error;
      }
      this.record(operation, input, result.output as Json);
      return result;
    };
    // Initialize is the outermost step: it sees the command's own input and its final output, after retries.
    client.middlewareStack.add(middleware, { step: 'initialize', name: this.name, override: true });
    return () => void client.middlewareStack.remove(this.name);
  }

  /** Totals per operation name (GetItem, Query, TransactWriteItems, ...). */
  totals(): Readonly<Record<string, OperationTotals>> {
    return Object.fromEntries([...this.byOperation.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, { ...v }]));
  }

  /** All operations together. */
  total(): OperationTotals {
    const all = emptyTotals();
    for (const totals of this.byOperation.values()) for (const key of Object.keys(all) as (keyof MutableTotals)[]) all[key] += totals[key];
    return all;
  }

  /** Starts counting afresh; the remembered item sizes stay, since the table still holds those items. */
  reset(): void {
    this.byOperation.clear();
  }

  private totalsOf(operation: string): MutableTotals {
    let totals = this.byOperation.get(operation);
    if (!totals) this.byOperation.set(operation, (totals = emptyTotals()));
    return totals;
  }

  private record(operation: string, input: Json, output: Json): void {
    const totals = this.totalsOf(operation);
    totals.calls++;
    for (const consumed of asArray(output.ConsumedCapacity)) {
      const c = consumed as Json;
      const read = numberOr(c.ReadCapacityUnits);
      const write = numberOr(c.WriteCapacityUnits);
      if (read !== undefined || write !== undefined) {
        totals.reportedReadUnits += read ?? 0;
        totals.reportedWriteUnits += write ?? 0;
      } else if (readOperations.has(operation)) totals.reportedReadUnits += numberOr(c.CapacityUnits) ?? 0;
      else totals.reportedWriteUnits += numberOr(c.CapacityUnits) ?? 0;
    }
    const charges = this.chargesFor(operation, input, output, totals);
    const billed = awsBilledUnits(charges);
    totals.billedReadRequestUnits += billed.readRequestUnits;
    totals.billedWriteRequestUnits += billed.writeRequestUnits;
    totals.billedIndexWriteRequestUnits += billed.indexWriteRequestUnits;
  }

  private chargesFor(operation: string, input: Json, output: Json, totals: MutableTotals): CapacityCharge[] {
    switch (operation) {
      case 'GetItem': {
        const table = String(input.TableName);
        const item = output.Item as Json | undefined;
        if (item) totals.itemsRead++;
        const size = this.readSize(table, item, input.Key as Json, hasProjection(input));
        return [{ kind: 'read', consistency: input.ConsistentRead === true ? 'strong' : 'eventual', rounding: 'per-item', itemSizes: [size] }];
      }
      case 'BatchGetItem': {
        const charges: CapacityCharge[] = [];
        for (const [table, request] of Object.entries((input.RequestItems ?? {}) as Record<string, Json>)) {
          const found = (((output.Responses ?? {}) as Record<string, Json[]>)[table] ?? []) as Json[];
          const unprocessed = asArray(((output.UnprocessedKeys ?? {}) as Record<string, Json>)[table]?.Keys).length;
          const missing = Math.max(0, asArray(request.Keys).length - unprocessed - found.length);
          totals.itemsRead += found.length;
          const sizes = [...found.map((item) => this.readSize(table, item, undefined, hasProjection(request))), ...Array<number>(missing).fill(0)];
          charges.push({ kind: 'read', consistency: request.ConsistentRead === true ? 'strong' : 'eventual', rounding: 'per-item', itemSizes: sizes });
        }
        return charges;
      }
      case 'Query':
      case 'Scan': {
        const table = String(input.TableName);
        const items = asArray(output.Items) as Json[];
        totals.itemsRead += items.length;
        const sizes = items.map((item) => this.readSize(table, item, undefined, hasProjection(input)));
        // Items a filter dropped were read and billed too; their sizes are unknown, so they are taken as the average returned one.
        const dropped = Math.max(0, (numberOr(output.ScannedCount) ?? items.length) - items.length);
        if (dropped && sizes.length) sizes.push((sum(sizes) / sizes.length) * dropped);
        const onIndex = typeof input.IndexName === 'string' && this.isGlobalIndex(table, input.IndexName);
        return [{ kind: 'read', consistency: input.ConsistentRead === true && !onIndex ? 'strong' : 'eventual', rounding: 'per-page', itemSizes: sizes }];
      }
      case 'TransactGetItems': {
        const responses = asArray(output.Responses) as Json[];
        const sizes = (asArray(input.TransactItems) as Json[]).map((entry, i) => {
          const get = (entry.Get ?? {}) as Json;
          const item = responses[i]?.Item as Json | undefined;
          if (item) totals.itemsRead++;
          return this.readSize(String(get.TableName), item, get.Key as Json, hasProjection(get));
        });
        return [{ kind: 'read', consistency: 'transactional', rounding: 'per-item', itemSizes: sizes }];
      }
      case 'PutItem':
        totals.itemsWritten++;
        return [this.writeCharge([this.put(String(input.TableName), input.Item as Json, output.Attributes as Json | undefined)], false)];
      case 'UpdateItem':
        totals.itemsWritten++;
        return [this.writeCharge([this.update(String(input.TableName), input, output)], false)];
      case 'DeleteItem':
        totals.itemsWritten++;
        return [this.writeCharge([this.delete(String(input.TableName), input.Key as Json, output.Attributes as Json | undefined)], false)];
      case 'BatchWriteItem': {
        const writes: ItemWrite[] = [];
        for (const [table, requests] of Object.entries((input.RequestItems ?? {}) as Record<string, Json[]>)) {
          const unprocessed = new Set(
            (asArray(((output.UnprocessedItems ?? {}) as Record<string, unknown>)[table]) as Json[]).map((r) => this.requestKeyText(table, r)),
          );
          for (const request of requests) {
            if (unprocessed.has(this.requestKeyText(table, request))) continue;
            const put = request.PutRequest as Json | undefined;
            const del = request.DeleteRequest as Json | undefined;
            if (put) writes.push(this.put(table, put.Item as Json, undefined));
            else if (del) writes.push(this.delete(table, del.Key as Json, undefined));
          }
        }
        totals.itemsWritten += writes.length;
        return [this.writeCharge(writes, false)];
      }
      case 'TransactWriteItems': {
        const writes: ItemWrite[] = [];
        for (const entry of asArray(input.TransactItems) as Json[]) {
          if (entry.Put) {
            const put = entry.Put as Json;
            writes.push(this.put(String(put.TableName), put.Item as Json, undefined));
          } else if (entry.Update) {
            const update = entry.Update as Json;
            writes.push(this.update(String(update.TableName), update, {}));
          } else if (entry.Delete) {
            const del = entry.Delete as Json;
            writes.push(this.delete(String(del.TableName), del.Key as Json, undefined));
          } else if (entry.ConditionCheck) {
            // A condition check is billed as a write of the item it checks, and changes nothing.
            const check = entry.ConditionCheck as Json;
            const before = this.recall(String(check.TableName), check.Key as Json);
            writes.push({ size: before ? imageSize(before) : 0, indexEntries: [] });
            continue;
          }
          totals.itemsWritten++;
        }
        return [this.writeCharge(writes, true)];
      }
      default:
        // PartiQL statements are counted and their reported capacity kept; their items are not sized.
        return [];
    }
  }

  private writeCharge(writes: readonly ItemWrite[], transactional: boolean): WriteCharge {
    return { kind: 'write', transactional, itemSizes: writes.map((w) => w.size), indexEntrySizes: writes.flatMap((w) => w.indexEntries) };
  }

  // --- items as the meter knows them ----------------------------------------------------------

  private schemaOf(table: string): TableSchema | undefined {
    return this.options.tables?.[table] ?? this.options.anyTable;
  }

  private isGlobalIndex(table: string, indexName: string): boolean {
    const schema = this.schemaOf(table);
    // Without a schema an index is taken as global: the common case, and local ones are rare.
    return !schema?.indexes || schema.indexes.some((index) => index.name === indexName);
  }

  /** The table key of an item or key, as text; undefined when the schema is unknown or the key incomplete. */
  private keyText(table: string, itemOrKey: Json | undefined): string | undefined {
    const schema = this.schemaOf(table);
    if (!schema || !itemOrKey) return undefined;
    return canonicalKeyText(table, itemOrKey, [schema.partitionKey, ...(schema.sortKey ? [schema.sortKey] : [])]);
  }

  private requestKeyText(table: string, request: Json): string {
    const item = ((request.PutRequest as Json | undefined)?.Item ?? (request.DeleteRequest as Json | undefined)?.Key) as Json | undefined;
    return this.keyText(table, item) ?? JSON.stringify(item ?? {});
  }

  private recall(table: string, key: Json | undefined): ItemImage | undefined {
    const text = this.keyText(table, key);
    return text === undefined ? undefined : this.images.get(text);
  }

  private remember(table: string, keyOf: Json, image: ItemImage | undefined): void {
    const text = this.keyText(table, keyOf);
    if (text === undefined) return;
    if (!image) this.images.delete(text);
    else if (this.images.has(text) || this.images.size < this.rememberLimit) this.images.set(text, image);
  }

  /** The size a read is billed on; remembers a whole item it returned. */
  private readSize(table: string, item: Json | undefined, key: Json | undefined, projected: boolean): number {
    if (!item) return 0;
    if (projected) {
      // A projection returns part of the item but the read is billed on all of it.
      const known = this.recall(table, key ?? item);
      return known ? imageSize(known) : imageSize(imageOf(item));
    }
    const image = imageOf(item);
    this.remember(table, item, image);
    return imageSize(image);
  }

  private put(table: string, item: Json, returnedOld: Json | undefined): ItemWrite {
    const after = imageOf(item);
    const before = returnedOld ? imageOf(returnedOld) : this.recall(table, item);
    this.remember(table, item, after);
    return this.itemWrite(table, before, after);
  }

  private delete(table: string, key: Json, returnedOld: Json | undefined): ItemWrite {
    const before = returnedOld ? imageOf(returnedOld) : this.recall(table, key);
    this.remember(table, key, undefined);
    return this.itemWrite(table, before, undefined);
  }

  private update(table: string, request: Json, output: Json): ItemWrite {
    const key = request.Key as Json;
    const marshalled = isMarshalledValues(key);
    const before = this.recall(table, key);
    const returned = output.Attributes as Json | undefined;
    const after =
      returned && request.ReturnValues === 'ALL_NEW'
        ? imageOf(returned)
        : applyUpdate(
            before ?? imageOf(key),
            String(request.UpdateExpression ?? ''),
            (request.ExpressionAttributeNames ?? {}) as Readonly<Record<string, string>>,
            (request.ExpressionAttributeValues ?? {}) as Json,
            marshalled,
          );
    this.remember(table, key, after);
    return this.itemWrite(table, before, after);
  }

  private itemWrite(table: string, before: ItemImage | undefined, after: ItemImage | undefined): ItemWrite {
    const beforeSize = before ? imageSize(before) : 0;
    const afterSize = after ? imageSize(after) : 0;
    const indexEntries: number[] = [];
    const schema = this.schemaOf(table);
    for (const index of schema?.indexes ?? []) {
      const keyNames = [index.partitionKey, ...(index.sortKey ? [index.sortKey] : [])];
      const wasIn = !!before && keyNames.every((k) => before.has(k));
      const isIn = !!after && keyNames.every((k) => after.has(k));
      // An INCLUDE index holds only its keys, the table's keys and the named attributes: its
      // entry is that big, and a write that changes none of them does not touch it.
      const projected = index.include && schema ? new Set([...keyNames, schema.partitionKey, ...(schema.sortKey ? [schema.sortKey] : []), ...index.include]) : undefined;
      const from = before && project(before, projected);
      const to = after && project(after, projected);
      const fromSize = from ? imageSize(from) : 0;
      const toSize = to ? imageSize(to) : 0;
      if (wasIn && isIn) {
        const keyMoved = keyNames.some((k) => !samePrint(before.get(k), after.get(k)));
        if (keyMoved) indexEntries.push(fromSize, toSize);
        else if (changed(from!, to!)) indexEntries.push(Math.max(fromSize, toSize));
      } else if (wasIn) indexEntries.push(fromSize);
      else if (isIn) indexEntries.push(toSize);
    }
    return { size: Math.max(beforeSize, afterSize), indexEntries };
  }
}

interface ItemWrite {
  readonly size: number;
  readonly indexEntries: readonly number[];
}

// ---------------------------------------------------------------------------------------------
// Item images: per top-level attribute its size (name included) and a fingerprint of its value.

interface AttributeState {
  readonly size: number;
  /** NaN when an update changed the value in a way the meter does not follow: never equal, so it counts as changed. */
  readonly print: number;
}

type ItemImage = ReadonlyMap<string, AttributeState>;

function imageOf(item: Json): ItemImage {
  const marshalled = isMarshalledItem(item);
  const image = new Map<string, AttributeState>();
  for (const name in item) {
    const measured = measureAttribute(name, item[name], marshalled);
    if (measured) image.set(name, measured);
  }
  return image;
}

function imageSize(image: ItemImage): number {
  let size = 0;
  for (const state of image.values()) size += state.size;
  return size;
}

function samePrint(a: AttributeState | undefined, b: AttributeState | undefined): boolean {
  return a !== undefined && b !== undefined && a.print === b.print;
}

function project(image: ItemImage, names: ReadonlySet<string> | undefined): ItemImage {
  return names ? new Map([...image].filter(([name]) => names.has(name))) : image;
}

function changed(before: ItemImage, after: ItemImage): boolean {
  if (before.size !== after.size) return true;
  for (const [name, state] of after) if (!samePrint(before.get(name), state)) return true;
  return false;
}

export interface UpdateAction {
  readonly clause: 'SET' | 'REMOVE' | 'ADD' | 'DELETE';
  /** The top-level attribute the action touches, its #name resolved. */
  readonly attribute: string;
  /** Whether the path goes below the top level (a.b, a[0]). */
  readonly nested: boolean;
  /** The last element's name when the path ends in a map key, for sizing a new map entry. */
  readonly leaf?: string;
  /** SET: the right-hand side; ADD and DELETE: the value placeholder. */
  readonly operand?: string;
}

/** The actions of an UpdateExpression. Clause keywords are reserved words, so a bare one cannot be an attribute name. */
export function parseUpdateExpression(expression: string, names: Readonly<Record<string, string>> = {}): UpdateAction[] {
  const actions: UpdateAction[] = [];
  const clauses = [...expression.matchAll(/(?<![#:\w])(SET|REMOVE|ADD|DELETE)(?![\w])/gi)];
  clauses.forEach((match, i) => {
    const clause = match[1]!.toUpperCase() as UpdateAction['clause'];
    const body = expression.slice(match.index! + match[0].length, clauses[i + 1]?.index ?? expression.length);
    for (const part of splitTopLevel(body)) {
      const text = part.trim();
      if (!text) continue;
      let path = text;
      let operand: string | undefined;
      if (clause === 'SET') {
        const eq = text.indexOf('=');
        path = text.slice(0, eq).trim();
        operand = text.slice(eq + 1).trim();
      } else if (clause === 'ADD' || clause === 'DELETE') {
        [path = '', operand] = text.split(/\s+/, 2);
      }
      const elements = path.split(/[.[]/).map((e) => e.trim());
      const resolve = (element: string) => (element.startsWith('#') ? (names[element] ?? element) : element);
      const last = elements.at(-1) ?? '';
      actions.push({
        clause,
        attribute: resolve(elements[0] ?? ''),
        nested: elements.length > 1,
        ...(elements.length > 1 && !last.endsWith(']') && { leaf: resolve(last) }),
        ...(operand !== undefined && { operand }),
      });
    }
  });
  return actions;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * The item after an update, sized. A top-level `SET a = :v` and a top-level REMOVE are exact.
 * Anything else (nested paths, arithmetic, list_append, ADD, DELETE) is sized as an upper bound
 * (the new value added to the old) and counts as a change.
 */
function applyUpdate(before: ItemImage, expression: string, names: Readonly<Record<string, string>>, values: Json, marshalled: boolean): ItemImage {
  const after = new Map(before);
  const valueSize = (placeholder: string) => attributeSizeBytes('', values[placeholder], marshalled);
  const placeholdersSize = (text: string) => [...text.matchAll(/:[\w]+/g)].reduce((total, m) => total + valueSize(m[0]), 0);
  for (const action of parseUpdateExpression(expression, names)) {
    const old = after.get(action.attribute);
    const nameSize = Buffer.byteLength(action.attribute, 'utf8');
    const operand = action.operand ?? '';
    switch (action.clause) {
      case 'SET':
        if (!action.nested && /^:[\w]+$/.test(operand)) {
          const measured = measureAttribute(action.attribute, values[operand], marshalled);
          if (measured) after.set(action.attribute, measured);
          else after.delete(action.attribute);
        } else if (action.nested) {
          const entry = placeholdersSize(operand) + 1 + (action.leaf ? Buffer.byteLength(action.leaf, 'utf8') : 0);
          after.set(action.attribute, { size: (old?.size ?? nameSize + 3) + entry, print: Number.NaN });
        } else {
          const added = placeholdersSize(operand);
          const size = /list_append/i.test(operand) ? (old?.size ?? nameSize + 3) + added : Math.max(old?.size ?? 0, nameSize + added);
          after.set(action.attribute, { size, print: Number.NaN });
        }
        break;
      case 'REMOVE':
        if (!action.nested) after.delete(action.attribute);
        else if (old) after.set(action.attribute, { size: old.size, print: Number.NaN });
        break;
      case 'ADD': {
        const value = values[operand];
        const isNumber = dynamoTypeOf(value, marshalled) === 'N';
        const added = valueSize(operand);
        const size = isNumber ? Math.max(old?.size ?? 0, nameSize + added) : (old?.size ?? nameSize) + added;
        after.set(action.attribute, { size, print: Number.NaN });
        break;
      }
      case 'DELETE':
        if (old) after.set(action.attribute, { size: old.size, print: Number.NaN });
        break;
    }
  }
  return after;
}

// ---------------------------------------------------------------------------------------------

function emptyTotals(): MutableTotals {
  return {
    calls: 0,
    failedCalls: 0,
    itemsRead: 0,
    itemsWritten: 0,
    reportedReadUnits: 0,
    reportedWriteUnits: 0,
    billedReadRequestUnits: 0,
    billedWriteRequestUnits: 0,
    billedIndexWriteRequestUnits: 0,
  };
}

function hasProjection(request: Json): boolean {
  return typeof request.ProjectionExpression === 'string' || Array.isArray(request.AttributesToGet) || request.Select === 'COUNT';
}

function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, v) => total + v, 0);
}
