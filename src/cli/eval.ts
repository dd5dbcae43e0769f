// `npm run eval`: not built yet; exits non-zero rather than print a fake count.

export async function run(_args: string[]): Promise<number> {
  process.stderr.write('eval: not implemented yet\n');
  return 1;
}
