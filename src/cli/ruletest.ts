// `npm run ruletest -- [--run REGEX] [--ignore-unknown-fields] FILE...`:
// promtool's `test rules`. Prints each file's outcome as promtool does
// (`Unit Testing:  FILE`, then `  SUCCESS` or `  FAILED:` and the failures)
// and exits 1 when any test or file fails.

import { readdir, readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { runRuleTests } from '../rules/ruleUnitTest';
import { errorMessage } from '../model/result';

const USAGE = 'usage: ruletest [--run REGEX]... [--ignore-unknown-fields] FILE...\n';

export async function run(args: string[]): Promise<number> {
  const files: string[] = [];
  const runs: string[] = [];
  let ignoreUnknownFields = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--ignore-unknown-fields') ignoreUnknownFields = true;
    else if (a === '--run') runs.push(args[++i] ?? '');
    else if (a.startsWith('--run=')) runs.push(a.slice('--run='.length));
    else if (a.startsWith('--')) {
      process.stderr.write(`ruletest: unknown flag ${a}\n${USAGE}`);
      return 2;
    } else files.push(a);
  }
  if (files.length === 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  // Several --run flags are alternatives, as promtool joins them with `|`.
  const runRe = runs.length > 0 ? new RegExp(runs.map((r) => `(?:${r})`).join('|')) : undefined;
  let failed = false;
  for (const file of files) {
    process.stdout.write(`Unit Testing:  ${file}\n`);
    let errors: string[];
    try {
      const res = await runRuleTests(await readFile(file, 'utf8'), {
        dir: dirname(file),
        readFile: (p) => readFile(p, 'utf8'),
        glob: globFiles,
        run: runRe,
        ignoreUnknownFields,
      });
      for (const w of res.warnings) process.stderr.write(w + '\n');
      for (const s of res.skipped) process.stdout.write(`  SKIPPED: ${s}\n`);
      errors = res.errors;
    } catch (e) {
      errors = [errorMessage(e)];
    }
    if (errors.length > 0) {
      process.stderr.write('  FAILED:\n');
      for (const e of errors) {
        process.stderr.write(e + '\n');
        process.stdout.write('\n');
      }
      failed = true;
    } else {
      process.stdout.write('  SUCCESS\n');
    }
    process.stdout.write('\n');
  }
  return failed ? 1 : 0;
}

/** filepath.Glob for a pattern whose wildcards (`*`, `?`) are in the file name only; Node 20 has no fs.glob. */
async function globFiles(pattern: string): Promise<string[]> {
  const name = basename(pattern);
  if (!/[*?[]/.test(name)) return [pattern];
  const dir = dirname(pattern);
  const re = new RegExp('^' + name.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  return entries.filter((e) => re.test(e)).sort().map((e) => join(dir, e));
}
