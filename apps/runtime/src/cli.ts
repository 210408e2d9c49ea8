/** `baton` command line: talks to a running runtime over HTTP (see README "CLI"). */
export async function main(args: string[]): Promise<void> {
  process.stdout.write(`usage: baton serve\n(unknown command: ${args.join(' ')})\n`);
  process.exitCode = 1;
}
