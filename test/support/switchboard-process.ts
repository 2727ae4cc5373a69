// A real `switchboard start` in a child process on its own DATA_DIR and free
// port, for the tests that kill and restart processes (test/store/*).
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

export interface SwitchboardProcess {
  child: ChildProcess;
  url: string;
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  exited: Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Starts Switchboard on `dataDir` with the embedded PostgreSQL and the demo account. */
export async function launchSwitchboard(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<SwitchboardProcess> {
  const port = await freePort();
  // node itself, not npx: the pid a test kills must be Switchboard's.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      REDIS_URL: '',
      SWITCHBOARD_DEMO: '1',
      SWITCHBOARD_DEMO_PASSWORD: 'demo-password-for-tests',
      LOG_LEVEL: 'info',
      // A demo history makes a first start take seconds longer; tests that want it ask.
      SWITCHBOARD_DEMO_HISTORY_DAYS: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, url: `http://127.0.0.1:${port}`, output: () => output, exited };
}
