/**
 * The dependency rule of docs/architecture.md, checked over the import lines of every source file:
 * `functions -> use-cases -> ports -> domain`, adapters implement ports, infra names handlers by
 * path. A layer importing one it must not fails here, naming the file and the import.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Import {
  readonly file: string;
  /** Repository path of a relative import, or the package name (`node:crypto`, `@aws-sdk/client-dynamodb`). */
  readonly target: string;
  readonly typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `import ... from '...'`, `export ... from '...'` and bare `import '...'`, across lines. */
function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]/gm)].map((m) => {
    const spec = m[3]!;
    return {
      file,
      typeOnly: m[2] !== undefined,
      target: spec.startsWith('.') ? relative(root, resolve(root, dirname(file), spec)) : spec,
    };
  });
}

const all = ['functions', 'shared', 'infra', 'bin'].flatMap(sourceFiles).flatMap(importsOf);
const from = (prefix: string): Import[] => all.filter((i) => i.file.startsWith(prefix));
const isPackage = (i: Import): boolean => !i.target.startsWith('shared/') && !/^(functions|infra|bin|test|bench)\//.test(i.target);
const packageName = (target: string): string => (target.startsWith('@') ? target.split('/').slice(0, 2).join('/') : target.split('/')[0]!);
/** `node:fs`, `node:crypto`, ... and their bare names (`crypto`, `fs/promises`). */
const isNodeModule = (i: Import): boolean => i.target.startsWith('node:') || builtinModules.includes(packageName(i.target));
const show = (imports: readonly Import[]): string[] => imports.map((i) => `${i.file} imports ${i.target}`);

describe('the import lines parsed', () => {
  it('cover every layer (a parser that finds nothing would pass every rule)', () => {
    for (const layer of ['functions/', 'shared/domain/', 'shared/ports/', 'shared/use-cases/', 'shared/adapters/', 'shared/runtime/', 'infra/', 'bin/'])
      expect(from(layer).length, layer).toBeGreaterThan(5);
    expect(all.some((i) => i.file === 'shared/adapters/dynamodb/table-definition.ts' && i.target === 'shared/schemas/table-layout.ts')).toBe(true);
    expect(all.some((i) => i.file === 'shared/adapters/crypto/hmac-token-signer.ts' && i.target === 'node:crypto')).toBe(true);
  });

  it('know a Node module under either name, and a library from it', () => {
    const named = (target: string): Import => ({ file: 'shared/use-cases/x.ts', target, typeOnly: false });
    for (const target of ['node:crypto', 'crypto', 'node:fs', 'fs/promises', 'node:child_process']) expect(isNodeModule(named(target)), target).toBe(true);
    for (const target of ['zod', 'luxon', '@aws-sdk/client-dynamodb', 'shared/domain/money.ts']) expect(isNodeModule(named(target)), target).toBe(false);
  });
});

describe('the dependency rule', () => {
  it('domain: imports only the domain, pure schemas and pure libraries (luxon, zod); no node:crypto, no I/O, no AWS', () => {
    // No exception: signing, hashing and random ids are adapters' (shared/adapters/crypto/), behind ports.
    const bad = from('shared/domain/').filter((i) =>
      isPackage(i) ? !['luxon', 'zod'].includes(packageName(i.target)) : !i.target.startsWith('shared/domain/') && !i.target.startsWith('shared/schemas/'),
    );
    expect(show(bad)).toEqual([]);
  });

  it('ports: interfaces over the domain; no adapter, use case, runtime or infrastructure, no Node module (crypto, I/O)', () => {
    const bad = from('shared/ports/').filter((i) => /^(shared\/(adapters|use-cases|runtime)|infra|functions|bin)\//.test(i.target) || i.target.startsWith('@aws-sdk/') || isNodeModule(i));
    expect(show(bad)).toEqual([]);
  });

  it('use cases: get their ports as parameters; never an adapter, the AWS SDK, a Node module (crypto, I/O), the runtime or infrastructure', () => {
    // No exception: a hash, a signature or a random id comes from a port (docs/decisions.md, issue 9.19).
    const bad = from('shared/use-cases/').filter((i) => /^(shared\/(adapters|runtime)|infra|functions|bin)\//.test(i.target) || i.target.startsWith('@aws-sdk/') || isNodeModule(i));
    expect(show(bad)).toEqual([]);
  });

  it('under shared/, node:crypto only in adapters: signing, hashing and random ids sit behind ports', () => {
    const bad = from('shared/').filter((i) => isNodeModule(i) && packageName(i.target.replace(/^node:/, '')) === 'crypto' && !i.file.startsWith('shared/adapters/'));
    expect(show(bad)).toEqual([]);
  });

  it('adapters: implement ports; never import a use case, the runtime, infrastructure or a handler', () => {
    const bad = from('shared/adapters/').filter((i) => /^(shared\/(use-cases|runtime)|infra|functions|bin)\//.test(i.target));
    expect(show(bad)).toEqual([]);
  });

  it('the AWS SDK only in adapters, the composition roots and the local stack', () => {
    const bad = all.filter((i) => i.target.startsWith('@aws-sdk/') && !/^(shared\/(adapters|runtime)|infra\/local|bin)\//.test(i.file));
    expect(show(bad)).toEqual([]);
  });

  it('schemas, mail and the domain never reach outward to adapters, use cases or the runtime', () => {
    const bad = [...from('shared/schemas/'), ...from('shared/mail/'), ...from('shared/domain/')].filter((i) => /^(shared\/(adapters|use-cases|runtime)|infra|functions|bin)\//.test(i.target));
    expect(show(bad)).toEqual([]);
  });

  it('handlers: call a use case through their composition root, with the shared schemas; nothing else of ours', () => {
    const bad = from('functions/').filter((i) => (isPackage(i) ? !['aws-lambda'].includes(packageName(i.target)) : !/^shared\/(use-cases|runtime|schemas)\//.test(i.target)));
    expect(show(bad)).toEqual([]);
  });

  it('nothing imports a handler, and the CDK app imports no adapter, use case or runtime (the local stack is its own composition root)', () => {
    expect(show(all.filter((i) => i.target.startsWith('functions/')))).toEqual([]);
    const cdk = from('infra/').filter((i) => !i.file.startsWith('infra/local/') && !i.file.startsWith('infra/web/'));
    // The dashboard construct names the local no-sign-in variable from the dashboard's composition root (the leadership dashboard's own file).
    const known = (i: Import): boolean => i.file === 'infra/constructs/dashboard.ts' && i.target === 'shared/runtime/dashboard-ports.ts';
    expect(show(cdk.filter((i) => /^shared\/(adapters|use-cases|runtime)\//.test(i.target) && !known(i)))).toEqual([]);
  });
});
