import type { TestProject } from 'vitest/node';
import { startEmulators, type RunningEmulators } from '../../infra/local/emulators.ts';

let emulators: RunningEmulators | undefined;

export async function setup(project: TestProject): Promise<void> {
  emulators = await startEmulators();
  project.provide('dynamoEndpoint', emulators.dynamoEndpoint);
  project.provide('sesEndpoint', emulators.sesEndpoint);
}

export async function teardown(): Promise<void> {
  await emulators?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    sesEndpoint: string;
  }
}
