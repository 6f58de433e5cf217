import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A run-time file named in the topology's `bundledFiles` (a path from the repository root): on
 * Lambda the bundle carries it beside the handler, by its base name; elsewhere it is read where it is.
 */
export function readBundledFile(path: string): Buffer {
  const taskRoot = process.env.LAMBDA_TASK_ROOT;
  return readFileSync(taskRoot ? join(taskRoot, basename(path)) : join(repositoryRoot, path));
}
