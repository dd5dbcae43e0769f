// Node entry for the command-line contracts in ARCHITECTURE.md. Each command
// lives in its own module exporting `run(args): Promise<number>` (the exit code).

const commands: Record<string, () => Promise<{ run(args: string[]): Promise<number> }>> = {
  bench: () => import('./bench'),
  differential: () => import('./differential'),
  eval: () => import('./eval'),
  expotest: () => import('./expotest'),
  promqltest: () => import('./promqltest'),
  ruletest: () => import('./ruletest'),
};

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const load = name === undefined ? undefined : commands[name];
  if (!load) {
    process.stderr.write(`usage: main.ts <${Object.keys(commands).join('|')}> [args...]\n`);
    process.exitCode = 2;
    return;
  }
  const mod = await load();
  process.exitCode = await mod.run(args.filter((a) => a !== '--'));
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exitCode = 1;
});
