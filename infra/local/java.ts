import { spawnSync } from 'node:child_process';

export class MissingJavaError extends Error {
  override readonly name = 'MissingJavaError';
}

const installHint =
  'DynamoDB Local needs Java 17 or newer. Install it, e.g. on Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; on macOS: brew install openjdk@17';

/** Fails with an instruction instead of a stack trace when Java is absent or too old. */
export function requireJava17(java = process.env.VIP_JAVA ?? 'java'): void {
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) throw new MissingJavaError(`Java was not found. ${installHint}`);
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr + result.stdout);
  const major = match ? Number(match[1] === '1' ? match[2] : match[1]) : 0;
  if (major < 17) throw new MissingJavaError(`Java ${major || '(unknown version)'} was found. ${installHint}`);
}
