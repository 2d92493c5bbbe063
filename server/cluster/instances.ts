/** Endpoint instances as child processes (`server/index.ts`), for `npm run cluster` and the tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stopProcess } from './local-servers';

const SERVER = fileURLToPath(new URL('../index.ts', import.meta.url));

export interface Instance {
  url: string;
  port: number;
  child: ChildProcess;
  /** With --redis: the id it claims replies under (a reply hash's `owner`). */
  id?: string;
  /** SIGTERM drains; SIGKILL is a crash. Settles when the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `server/index.ts` with `args` (port 0 unless given) and waits for its URL. */
export async function startInstance(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Instance> {
  const portArgs = args.includes('--port') ? [] : ['--port', '0'];
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER, ...portArgs, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      // The storage line comes right after the URL's, with the instance id in Redis mode.
      if (match && /Replies and sessions in .*\n/.test(output)) resolve(match[1]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`The instance exited (${code}) before listening: ${output.trim()}`)));
  });
  const id = /instance id (\S+)/.exec(output)?.[1];
  return { url, id, port: Number(new URL(url).port), child, stop: (signal = 'SIGTERM') => stopProcess(child, signal) };
}
