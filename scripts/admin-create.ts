import { validateProvisioningEnvironment } from '@ngk/config';
import {
  ADMIN_VARIABLES,
  adminAccountProblems,
  adminFromEnvironment,
  adminPasswordProblem,
  createAdmin,
  createDataSource,
  DEFAULT_ADMIN_DISPLAY_NAME,
  type AdminAccount,
} from '@ngk/persistence';
import * as readline from 'node:readline';
import { Writable } from 'node:stream';

/** Wrong passwords forgiven at the prompt before giving up. */
const PASSWORD_ATTEMPTS = 3;

/**
 * `npm run admin:create`: an admin account on a migrated database. From ADMIN_USERNAME and ADMIN_PASSWORD
 * (ADMIN_DISPLAY_NAME, ADMIN_EMAIL optional) when set, otherwise asked for, the password hidden and twice.
 * Never overwrites an existing user.
 */
async function main(): Promise<void> {
  const env = validateProvisioningEnvironment(process.env);
  const fromEnvironment = adminFromEnvironment(env);
  const account = fromEnvironment ?? (await askForAccount());
  const names = fromEnvironment ? ADMIN_VARIABLES : undefined;
  const dataSource = createDataSource(env.DATABASE_URL, { logging: ['error'] });
  await dataSource.initialize();
  try {
    const result = await createAdmin(dataSource, account, { source: 'admin:create', names });
    if (result.created) console.log(`admin created: ${result.username}`);
  } finally {
    await dataSource.destroy();
  }
}

async function askForAccount(): Promise<AdminAccount> {
  const prompt = linePrompt();
  try {
    const username = await prompt.ask('Username: ');
    const displayName =
      (await prompt.ask(`Display name [${DEFAULT_ADMIN_DISPLAY_NAME}]: `)) || DEFAULT_ADMIN_DISPLAY_NAME;
    const email = (await prompt.ask('Email (optional): ')) || null;
    // The other fields are checked before the password is asked for; a stand-in password passes its rules.
    const usernameProblems = adminAccountProblems({ username, displayName, email, password: 'x'.repeat(64) });
    if (usernameProblems.length > 0)
      throw new Error(`Cannot create the admin:\n  ${usernameProblems.join('\n  ')}`);
    for (let attempt = 1; ; attempt++) {
      const password = await prompt.ask('Password (12 characters at least): ', { hidden: true });
      const problem = adminPasswordProblem(password);
      const again = problem ? undefined : await prompt.ask('Password again: ', { hidden: true });
      const refusal = problem
        ? `password ${problem}`
        : again !== password
          ? 'the two passwords differ'
          : null;
      if (!refusal) return { username, displayName, email, password };
      if (attempt >= PASSWORD_ATTEMPTS) throw new Error(`Cannot create the admin: ${refusal}`);
      console.error(`${refusal}; try again`);
    }
  } finally {
    prompt.close();
  }
}

/** Questions on the terminal, or lines from a pipe; a hidden answer is not echoed. */
function linePrompt() {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stdout.write(chunk);
      done();
    },
  });
  const rl = readline.createInterface({
    input: process.stdin,
    output,
    terminal: process.stdin.isTTY === true,
  });
  // An iterator buffers lines that arrive before their question, as piped input does.
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(question: string, options: { hidden?: boolean } = {}): Promise<string> {
      process.stdout.write(question);
      muted = options.hidden === true;
      const next = await lines.next();
      muted = false;
      if (options.hidden || !process.stdin.isTTY) process.stdout.write('\n');
      if (next.done)
        throw new Error(`Cannot create the admin: the input ended before "${question.trim()}" was answered`);
      return options.hidden ? next.value : next.value.trim();
    },
    close: () => rl.close(),
  };
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
