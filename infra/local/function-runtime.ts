import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { runningFunction } from './table-access-guard.ts';
import type { FunctionName, FunctionSpec } from '../topology.ts';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export interface InvocationRecord {
  readonly functionName: FunctionName;
  readonly startedAt: Date;
  readonly durationMs: number;
  readonly error?: string;
}

export interface FunctionRuntimeOptions {
  readonly repositoryRoot: string;
  readonly functions: Readonly<Record<FunctionName, FunctionSpec>>;
  /** Shrinks every function's time budget, so tests can make a long run checkpoint without waiting 15 minutes. */
  readonly timeoutMsOverride?: Partial<Record<FunctionName, number>>;
  readonly onInvocation?: (record: InvocationRecord) => void;
}

/**
 * Runs the handlers of the topology in this process, as Lambda would: the same module, a
 * context whose remaining time counts down from the function's timeout, one cold start per function.
 */
export class LocalFunctionRuntime {
  private readonly handlers = new Map<FunctionName, Promise<Handler>>();
  private readonly running = new Map<FunctionName, number>();
  private readonly waiting = new Map<FunctionName, Array<() => void>>();
  readonly invocations: InvocationRecord[] = [];

  constructor(private readonly options: FunctionRuntimeOptions) {}

  /** Invocations of a function with reserved concurrency wait for a free slot, as Lambda would throttle and retry them. */
  async invoke(functionName: FunctionName, event: unknown): Promise<unknown> {
    const limit = this.options.functions[functionName].reservedConcurrency;
    if (limit === undefined) return this.run(functionName, event);
    while ((this.running.get(functionName) ?? 0) >= limit) await new Promise<void>((resolve) => this.waiting.set(functionName, [...(this.waiting.get(functionName) ?? []), resolve]));
    this.running.set(functionName, (this.running.get(functionName) ?? 0) + 1);
    try {
      return await this.run(functionName, event);
    } finally {
      this.running.set(functionName, (this.running.get(functionName) ?? 1) - 1);
      this.waiting.get(functionName)?.shift()?.();
    }
  }

  private async run(functionName: FunctionName, event: unknown): Promise<unknown> {
    const handler = await this.load(functionName);
    const spec = this.options.functions[functionName];
    const timeoutMs = this.options.timeoutMsOverride?.[functionName] ?? spec.timeoutSeconds * 1000;
    const startedAt = new Date();
    const deadline = startedAt.getTime() + timeoutMs;
    const context = {
      callbackWaitsForEmptyEventLoop: false,
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
      memoryLimitInMB: String(spec.memoryMb),
      awsRequestId: randomUUID(),
      logGroupName: `/aws/lambda/${functionName}`,
      logStreamName: 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      done: () => {},
      fail: () => {},
      succeed: () => {},
    } satisfies Context;
    try {
      // The table guard (table-access-guard.ts) reads which function is calling from here.
      const result = await runningFunction.run(functionName, () => handler(event, context));
      this.record({ functionName, startedAt, durationMs: Date.now() - startedAt.getTime() });
      return result;
    } catch (error) {
      this.record({ functionName, startedAt, durationMs: Date.now() - startedAt.getTime(), error: (error as Error).message });
      throw error;
    }
  }

  private record(record: InvocationRecord): void {
    this.invocations.push(record);
    this.options.onInvocation?.(record);
  }

  private load(functionName: FunctionName): Promise<Handler> {
    let handler = this.handlers.get(functionName);
    if (!handler) {
      const entry = resolve(this.options.repositoryRoot, this.options.functions[functionName].entry);
      handler = import(pathToFileURL(entry).href).then((module: { handler?: Handler }) => {
        if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
        return module.handler;
      });
      this.handlers.set(functionName, handler);
    }
    return handler;
  }
}
