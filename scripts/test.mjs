// `npm test`: type check, lint, unit tests, build, e2e in Chromium. Each runner's
// outcome is counted; the last line sums them all as `N passed, M failed`.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = [];

function run(name, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${name}: ${cmd} ${args.join(' ')}\n`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function countVitest(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: report.numPassedTests, failed: report.numFailedTests + (report.numRuntimeErrorTestSuites ?? 0), skipped: report.numPendingTests + report.numTodoTests };
}

function countPlaywright(file) {
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

function record(name, ok, counts) {
  const c = counts ?? { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 };
  if (!ok && c.failed === 0) c.failed = 1;
  results.push({ name, ...c });
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

record('typecheck', run('typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']));
record('lint', run('lint', 'npx', ['eslint', '.']));

const unitOk = run('unit', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile=test-results/unit.json']);
record('unit', unitOk, existsSync('test-results/unit.json') ? countVitest('test-results/unit.json') : undefined);

const buildOk = run('build', 'npx', ['vite', 'build']);
record('build', buildOk);
if (buildOk) {
  const e2eOk = run('e2e', 'npx', ['playwright', 'test']);
  record('e2e', e2eOk, existsSync('test-results/e2e.json') ? countPlaywright('test-results/e2e.json') : undefined);
}

process.stdout.write('\n');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const r of results) {
  process.stdout.write(`${r.name.padEnd(10)} ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}\n`);
  passed += r.passed;
  failed += r.failed;
  skipped += r.skipped;
}
process.stdout.write(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exitCode = failed === 0 ? 0 : 1;
