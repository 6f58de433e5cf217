/**
 * `npm run readme:run`: the README's examples against a fresh `npm start`, with each line's
 * outcome printed as it completes (test/readme/readme-run.test.ts runs the same in `npm test`).
 */
import { runReadme } from './readme-run.ts';

const results = await runReadme((result) => {
  console.log(`${result.code === 0 ? 'ok  ' : 'FAIL'} exit ${result.code} ${result.seconds.toFixed(1)} s  README line ${result.line}: ${result.text}`);
  const tail = (text: string) => text.trimEnd().split('\n').slice(-6).map((l) => `       ${l}`).join('\n');
  if (result.stdout.trim()) console.log(tail(result.stdout));
  if (result.code !== 0) console.log(result.stderr.trimEnd().split('\n').slice(0, 12).map((l) => `       ${l}`).join('\n'));
});
const failures = results.filter((r) => r.code !== 0).length;
console.log(failures ? `${failures} README command(s) failed` : 'every README command exited 0');
process.exit(failures ? 1 : 0);
