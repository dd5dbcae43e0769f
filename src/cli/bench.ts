// `npm run bench`: runs every src/**/*.bench.ts (each exports
// `bench(): Promise<Record<string, number>>`) and ends with one JSON line of
// all figures. `--only SUBSTR` runs the matching files; `--emit NAME [--out FILE]`
// writes a standard data set as OpenMetrics instead.

import { closeSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATASET_NAMES, writeOpenMetrics, type DatasetName } from './datasets';
import { errorMessage } from '../model/result';

interface BenchModule {
  /** Figures by name; a string names something a figure points at (the worst query's name). */
  bench(): Promise<Record<string, number | string>>;
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

function emit(name: string, out: string | undefined): number {
  if (!DATASET_NAMES.includes(name as DatasetName)) {
    process.stderr.write(`bench --emit: unknown data set ${JSON.stringify(name)} (have: ${DATASET_NAMES.join(', ')})\n`);
    return 2;
  }
  const file = out ?? `${name}.om.txt`;
  const fd = openSync(file, 'w');
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    writeSync(fd, pending.join(''));
    pending = [];
    size = 0;
  };
  try {
    writeOpenMetrics(name as DatasetName, (c) => {
      pending.push(c);
      size += c.length;
      if (size > 1 << 20) flush();
    });
    flush();
  } finally {
    closeSync(fd);
  }
  process.stdout.write(`${file}\n`);
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const emitName = argValue(args, '--emit');
  if (emitName !== undefined) return emit(emitName, argValue(args, '--out'));

  const root = resolve('src');
  const only = argValue(args, '--only');
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.bench.ts') && (only === undefined || f.includes(only)))
    .sort();
  const figures: Record<string, number | string> = {};
  let failed = 0;
  for (const f of files) {
    const path = join(root, f);
    process.stderr.write(`bench: ${relative(process.cwd(), path)}\n`);
    try {
      const mod = (await import(pathToFileURL(path).href)) as BenchModule;
      const got = await mod.bench();
      for (const [k, v] of Object.entries(got)) {
        process.stderr.write(`  ${k} = ${v}\n`);
        figures[k] = v;
      }
    } catch (e) {
      failed++;
      process.stderr.write(`  failed: ${errorMessage(e)}\n`);
    }
  }
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  return failed === 0 ? 0 : 1;
}
