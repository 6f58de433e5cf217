import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';
import type { StatusDecision } from '../../domain/status-decision.ts';

/**
 * A stored decision is brotli-compressed JSON: its criteria texts repeat labels and amounts, so
 * 1.2 KB of decision becomes about 500 bytes, and the status item, its history entry and its
 * change record each stay under the 1 KB of one write unit. Only the adapters see the bytes.
 */
export function encodeDecision(decision: StatusDecision): Uint8Array {
  return brotliCompressSync(JSON.stringify(decision), {
    params: { [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_QUALITY]: 9 },
  });
}

export function decodeDecision(stored: unknown): StatusDecision {
  // Decisions written before the codec are plain maps.
  if (!(stored instanceof Uint8Array)) return stored as StatusDecision;
  return JSON.parse(brotliDecompressSync(stored).toString('utf8')) as StatusDecision;
}
