// `npm run bench`: not built yet; exits non-zero rather than print a fake count.

export async function run(_args: string[]): Promise<number> {
  process.stderr.write('bench: not implemented yet\n');
  return 1;
}
