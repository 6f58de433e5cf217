import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, buildSync } from 'esbuild';
import type { StaticSiteSpec } from '../topology.ts';

export interface SiteFile {
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * The static pages of a site: its index.html and styles.css as written, and its script bundled
 * with every library it uses (vega, vega-lite, vega-embed), so the browser loads nothing from a
 * CDN. The same files are served locally and uploaded to S3.
 */
export async function buildSite(site: StaticSiteSpec, repositoryRoot: string): Promise<Map<string, SiteFile>> {
  const result = await build({
    entryPoints: [join(repositoryRoot, site.entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    outfile: 'app.js',
    legalComments: 'linked',
    logLevel: 'silent',
  });
  const files = new Map<string, SiteFile>();
  for (const output of result.outputFiles) {
    const name = output.path.split('/').at(-1)!;
    files.set(name, { contentType: name.endsWith('.js') ? 'text/javascript; charset=utf-8' : 'text/plain; charset=utf-8', body: Buffer.from(output.contents) });
  }
  for (const [name, contentType] of [
    ['index.html', 'text/html; charset=utf-8'],
    ['styles.css', 'text/css; charset=utf-8'],
  ] as const)
    files.set(name, { contentType, body: readFileSync(join(repositoryRoot, site.sourceDir, name)) });
  return files;
}

/** The same files written to `outDir` (CDK constructs are synchronous): the folder the deployment uploads. */
export function buildSiteSync(site: StaticSiteSpec, repositoryRoot: string, outDir: string): string {
  buildSync({
    entryPoints: [join(repositoryRoot, site.entry)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outfile: join(outDir, 'app.js'),
    legalComments: 'linked',
    logLevel: 'silent',
  });
  for (const name of ['index.html', 'styles.css']) copyFileSync(join(repositoryRoot, site.sourceDir, name), join(outDir, name));
  return outDir;
}
