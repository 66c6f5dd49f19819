// The local stack as a newcomer uses it, through the real bin: `onboarding start` (what npm start
// runs) in a state folder, then the CLI from "another terminal" finds it through the folder's stack
// file; Ctrl-C stops it, and the next start continues with the same tenant, connections and queue.
// Every process started here is killed in afterEach, whatever the test did.
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'onboarding.cjs');
const EXTERNAL_ID = 'wh-7Qz2-secret';

const children: ChildProcess[] = [];
let stateDir: string;
let scratch: string;

beforeEach(() => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'local-stack-'));
  stateDir = path.join(scratch, 'state');
});

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }
  rmSync(scratch, { recursive: true, force: true });
});

interface Run {
  code: number;
  out: string;
  err: string;
}

function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, timeout: 120_000 }, (error, out, err) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

interface Started {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/** Starts the stack and waits until it has onboarded (or found) its demo tenant and says how to use it. */
async function start(...extra: string[]): Promise<Started> {
  const child = spawn(process.execPath, [BIN, 'start', '--state-dir', stateDir, '--port', '0', ...extra], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  while (!output.includes('keeps running until Ctrl-C')) {
    if (child.exitCode !== null) throw new Error(`start exited ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`start did not come up:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const { url, pid } = JSON.parse(readFileSync(path.join(stateDir, 'stack.json'), 'utf8')) as { url: string; pid: number };
  expect(pid).toBe(child.pid);
  return { child, output: () => output, url };
}

/** Ctrl-C, as a person stops it: its exit code, and what it printed if that is not 0. */
async function stop(stack: Started): Promise<number | string | null> {
  const exited = new Promise<number | null>((resolve) => stack.child.once('exit', (code) => resolve(code)));
  stack.child.kill('SIGINT');
  const code = await exited;
  return code === 0 ? code : `exit ${code}:\n${stack.output().slice(-3000)}`;
}

/** A connection of a status as the status API shows it (connections are a list). */
function connectionOf(status: Record<string, any>, connectionId: string): Record<string, any> | undefined {
  return (status.connections as Record<string, any>[] | undefined)?.find((c) => c.connectionId === connectionId);
}

async function statusJson(tenant = 'acme'): Promise<Record<string, any>> {
  const run = await cli('status', tenant, '--json', '--state-dir', stateDir);
  expect(run).toMatchObject({ code: 0 });
  return JSON.parse(run.out);
}

async function queue(url: string): Promise<{ messageId: string }[]> {
  const response = await fetch(`${url}/_local/account-manager-queue`, { method: 'POST', body: '{}' });
  return ((await response.json()) as { result: { messageId: string }[] }).result;
}

const targetRoleConfigured = [
  {
    Source: 'tenant-platform',
    DetailType: 'TargetRoleConfigured',
    EventBusName: 'tenant-dataplane-onboarding-local',
    Detail: JSON.stringify({ tenantId: 'acme', connectionId: 'acme-warehouse', roleArn: 'arn:aws:iam::222222222222:role/qualytics-warehouse', externalId: EXTERNAL_ID }),
  },
];

describe('the local stack (npm start)', () => {
  it('serves the demo tenant to the CLI, takes events, and continues after Ctrl-C where it stopped', async () => {
    // Prepare: the stack is up and has onboarded acme.
    const first = await start();
    expect(first.output()).toContain('New local stack');
    expect(first.output()).toContain('Onboarding tenant "acme"');

    // Act and assess: the CLI finds it (no target option but the state folder).
    const before = await statusJson();
    expect(before).toMatchObject({ tenantId: 'acme', status: 'ROLE_READY' });
    expect(connectionOf(before, 'acme-data-lake')).toMatchObject({ state: 'VERIFIED' });
    const unknown = await cli('status', 'no-such-tenant', '--state-dir', stateDir);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/no-such-tenant.*never onboarded on the local stack/);

    // The customer has created the role the event names, trusting acme with that External ID.
    const idFile = path.join(scratch, 'external-id.txt');
    writeFileSync(idFile, EXTERNAL_ID);
    const created = await cli('customer', 'create-role', '--account', '222222222222', '--role', 'qualytics-warehouse', '--trusting', 'acme', '--external-id-file', idFile, '--state-dir', stateDir);
    expect(created.code).toBe(0);
    const entries = path.join(scratch, 'entries.json');
    writeFileSync(entries, JSON.stringify(targetRoleConfigured));
    const put = await cli('events', 'put', entries, '--state-dir', stateDir);
    expect(put.code).toBe(0);
    expect(put.out).toMatch(/^\[0\] event [0-9a-f-]{36}: started verification verify-acme-/);
    expect(put.out + put.err + created.out + created.err).not.toContain(EXTERNAL_ID);

    // The connection shows once verified.
    let connection: Record<string, any> | undefined;
    for (let i = 0; i < 60 && connection?.state !== 'VERIFIED'; i += 1) {
      connection = connectionOf(await statusJson(), 'acme-warehouse');
      if (connection?.state !== 'VERIFIED') await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(connection).toMatchObject({ state: 'VERIFIED', roleArn: 'arn:aws:iam::222222222222:role/qualytics-warehouse' });
    expect(connection!.externalId).toEqual({ length: EXTERNAL_ID.length, fingerprint: expect.stringMatching(/^[0-9a-f]{8}$/) });
    const messages = await queue(first.url);
    expect(messages).toHaveLength(1);

    // A second start from the same folder reuses the running stack.
    const again = await cli('start', '--state-dir', stateDir, '--port', '0');
    expect(again.code).toBe(0);
    expect(again.out).toContain(`already running`);
    expect(again.out).toContain(first.url);
    // ...and its state is not deleted under it.
    expect((await cli('reset', '--state-dir', stateDir)).code).toBe(2);

    // Ctrl-C stops it cleanly: exit 0, no stack file left.
    expect(await stop(first)).toBe(0);
    expect(existsSync(path.join(stateDir, 'stack.json'))).toBe(false);
    const stopped = await cli('status', 'acme', '--state-dir', stateDir);
    expect(stopped.code).toBe(2);
    expect(stopped.err).toMatch(/no local stack is running .*npm start/);

    // The next start continues: same tenant, no second onboarding, the connection and the queue kept.
    const second = await start();
    expect(second.output()).toContain('Continuing the local stack');
    expect(second.output()).not.toContain('Onboarding tenant');
    const after = await statusJson();
    for (const key of ['execution', 'createdAt', 'roleArn', 'roleChangedAt', 'queueMessageId', 'oidcIssuer']) expect(after[key]).toEqual(before[key]);
    expect(connectionOf(after, 'acme-data-lake')).toEqual(connectionOf(before, 'acme-data-lake'));
    expect(connectionOf(after, 'acme-warehouse')).toEqual(connection);
    expect(await queue(second.url)).toEqual(messages);
    const history = JSON.parse((await cli('history', 'acme', '--json', '--state-dir', stateDir)).out) as { executions: { kind: string }[] };
    expect(history.executions.filter((e) => e.kind === 'onboarding')).toHaveLength(1);

    // Stopped, it can be reset; the next start begins afresh.
    expect(await stop(second)).toBe(0);
    const reset = await cli('reset', '--state-dir', stateDir);
    expect(reset.code).toBe(0);
    expect(existsSync(stateDir)).toBe(false);
  });

  it('lets the newcomer play the customer: a denied connection verifies once the customer fixes the trust policy', async () => {
    // Prepare: a connection whose role the customer created with the wrong External ID.
    await start();
    const entries = path.join(scratch, 'entries.json');
    writeFileSync(entries, JSON.stringify(targetRoleConfigured));
    const wrongId = path.join(scratch, 'wrong-id.txt');
    writeFileSync(wrongId, 'not-the-configured-one\n');
    const rightId = path.join(scratch, 'right-id.txt');
    writeFileSync(rightId, `${EXTERNAL_ID}\n`);
    const role = ['--account', '222222222222', '--role', 'qualytics-warehouse', '--state-dir', stateDir];
    expect((await cli('customer', 'create-role', ...role, '--trusting', 'acme', '--external-id-file', wrongId)).code).toBe(0);
    const put = await cli('events', 'put', entries, '--state-dir', stateDir);
    expect(put.code).toBe(0);
    let denied: Record<string, any> | undefined;
    for (let i = 0; i < 60 && !denied?.diagnosis; i += 1) {
      denied = connectionOf(await statusJson(), 'acme-warehouse');
      if (!denied?.diagnosis) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(denied?.diagnosis).toMatchObject({ code: 'TRUST_POLICY_DENIED', side: 'customer' });

    // Act: the customer fixes the trust policy, support re-runs verification.
    const fixed = await cli('customer', 'set-trust-policy', ...role, '--trusting', 'acme', '--external-id-file', rightId);
    const verified = await cli('verify', 'acme', '--connection', 'acme-warehouse', '--state-dir', stateDir);

    // Assess
    expect(fixed.code).toBe(0);
    expect(fixed.out).toContain('arn:aws:iam::222222222222:role/qualytics-warehouse');
    expect(verified.code).toBe(0);
    expect(connectionOf(await statusJson(), 'acme-warehouse')).toMatchObject({ state: 'VERIFIED' });
    for (const run of [put, fixed, verified]) expect(run.out + run.err).not.toContain(EXTERNAL_ID);
  });
});

describe('what needs action, across tenants (onboarding list, GET /connections), and what was sent (events list)', () => {
  it('lists the connections needing action, newest first, a page at a time, from the CLI and the API alike', async () => {
    // Prepare: besides the demo's verified connection, two the pre-flight refuses at once (ACTION_REQUIRED).
    const stack = await start();
    const connections = path.join(scratch, 'connections.json');
    const bad = (connectionId: string) => ({ connectionId, roleArn: 'arn:aws:iam::111111111111:role/acme-dataplane-role', externalId: EXTERNAL_ID });
    // (verify exits 1: the run ends with a connection that needs action)
    writeFileSync(connections, JSON.stringify([bad('acme-pasted-ours')]));
    expect((await cli('verify', 'acme', '--connections', connections, '--state-dir', stateDir)).code).toBe(1);
    writeFileSync(connections, JSON.stringify([bad('acme-pasted-again')]));
    expect((await cli('verify', 'acme', '--connections', connections, '--state-dir', stateDir)).code).toBe(1);

    // Act
    const all = await cli('list', '--status', 'ACTION_REQUIRED', '--json', '--state-dir', stateDir);
    const firstPage = await cli('list', '--status', 'ACTION_REQUIRED', '--limit', '1', '--state-dir', stateDir);
    const token = /--next-token (\S+)/.exec(firstPage.out)?.[1];
    const secondPage = await cli('list', '--status', 'ACTION_REQUIRED', '--limit', '1', '--next-token', token ?? '', '--json', '--state-dir', stateDir);
    const verified = await cli('list', '--status', 'VERIFIED', '--state-dir', stateDir);
    const api = await fetch(`${stack.url}/connections?status=ACTION_REQUIRED`);
    const refused = await cli('list', '--status', 'BROKEN', '--state-dir', stateDir);
    const sent = await cli('events', 'list', '--json', '--state-dir', stateDir);
    const sentText = await cli('events', 'list', '--state-dir', stateDir);

    // Assess
    expect(all.code).toBe(0);
    const listed = JSON.parse(all.out) as { status: string; connections: Record<string, any>[]; nextToken?: string };
    expect(listed.connections.map((c) => `${c.tenantId}/${c.connectionId}`)).toEqual(['acme/acme-pasted-again', 'acme/acme-pasted-ours']);
    expect(listed.connections[0]).toMatchObject({ state: 'ACTION_REQUIRED', diagnosis: { code: 'ROLE_ARN_IS_DATAPLANE_ROLE', side: 'customer' } });
    expect(listed.nextToken).toBeUndefined();
    expect(firstPage.out).toMatch(/^ACTION_REQUIRED connections on the local stack, most recently updated first:\n  acme\/acme-pasted-again  since \S+ ROLE_ARN_IS_DATAPLANE_ROLE \(customer side\), 1 attempt\(s\)/);
    expect(JSON.parse(secondPage.out).connections.map((c: { connectionId: string }) => c.connectionId)).toEqual(['acme-pasted-ours']);
    expect(verified.out).toContain('acme/acme-data-lake');
    expect(api.status).toBe(200);
    expect(((await api.json()) as { connections: unknown[] }).connections).toEqual(listed.connections);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('The status "BROKEN" is not a connection state; allowed: VERIFYING, DATA_ACCESS_REQUIRED, VERIFIED, ACTION_REQUIRED');
    for (const run of [all, firstPage, secondPage, verified]) expect(run.out + run.err).not.toContain(EXTERNAL_ID);
    // What the stack told the platform meanwhile: the demo's onboarding, then the two refused connections.
    expect(sent.code).toBe(0);
    const events = JSON.parse(sent.out) as { 'detail-type': string; source: string; detail: Record<string, any> }[];
    expect(events.map((e) => `${e['detail-type']} ${e.detail.connectionId ?? ''} ${e.detail.state ?? ''}`.trim())).toEqual([
      'DataplaneRoleReady',
      'ConnectionActionRequired acme-data-lake VERIFYING',
      'ConnectionVerified acme-data-lake',
      'ConnectionActionRequired acme-pasted-ours ACTION_REQUIRED',
      'ConnectionActionRequired acme-pasted-again ACTION_REQUIRED',
    ]);
    expect(events.every((e) => e.source === 'tenant-dataplane-onboarding')).toBe(true);
    expect(sentText.out).toMatch(/ConnectionActionRequired {2}acme\/acme-pasted-ours ACTION_REQUIRED ROLE_ARN_IS_DATAPLANE_ROLE \(customer side\) {2}\(eventId [0-9a-f-]{36}\)/);
    expect(sent.out + sentText.out).not.toContain(EXTERNAL_ID);
  });
});

describe('targets and ports', () => {
  it('says how to start a stack when none is running and no target is named (exit 2)', async () => {
    const run = await cli('status', 'acme', '--state-dir', stateDir);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/no local stack is running .*npm start.*--stack NAME.*--scenario FILE/);
  });

  it('treats a stack file whose process is gone as stale', async () => {
    // Prepare: the file a killed stack leaves behind, naming a process that no longer exists.
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => gone.once('exit', resolve));
    require('node:fs').mkdirSync(stateDir, { recursive: true });
    writeFileSync(path.join(stateDir, 'stack.json'), JSON.stringify({ pid: gone.pid, url: 'http://127.0.0.1:9', startedAt: new Date().toISOString() }));

    // Act
    const run = await cli('status', 'acme', '--state-dir', stateDir);

    // Assess
    expect(run.code).toBe(2);
    expect(run.err).toMatch(/no local stack is running/);
  });

  it.each([['abc'], ['65536'], ['-1'], ['8080x']])('refuses --port %s before any work starts (exit 2, no stack trace, no state)', async (port) => {
    for (const command of [['start', '--state-dir', stateDir], ['onboard', '--tenant', 'acme', '--cluster', 'acme-prod', '--serve']]) {
      const run = await cli(...command, '--port', port);
      expect(run.code).toBe(2);
      expect(run.err).toContain(`--port "${port}": expected a port number from 1 to 65535, or 0 for any free port`);
      expect(run.err).not.toMatch(/\n\s+at /);
      expect(run.out).not.toContain('Onboarding tenant');
    }
    expect(existsSync(stateDir)).toBe(false);
  });

  it('refuses a busy port before any work starts', async () => {
    // Prepare
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      // Act
      const runs = [await cli('start', '--state-dir', stateDir, '--port', String(port)), await cli('onboard', '--tenant', 'acme', '--cluster', 'acme-prod', '--serve', '--port', String(port))];

      // Assess
      for (const run of runs) {
        expect(run.code).toBe(2);
        expect(run.err).toContain(`port ${port} is in use on 127.0.0.1`);
        expect(run.out).not.toContain('Onboarding tenant');
      }
      expect(existsSync(stateDir)).toBe(false);
    } finally {
      server.close();
    }
  });

  it('with --scenario, knows only the tenant the scenario is for', async () => {
    const run = await cli('status', 'globex', '--scenario', path.join(ROOT, 'scenarios', 'verify-correct-setup.json'));
    expect(run.code).toBe(1);
    expect(run.err).toContain('scenario verify-correct-setup is for acme, not globex: nothing onboarded');
    expect(run.err).toMatch(/globex.*never onboarded in this scenario's sandbox/);
  });

  it('refuses the customer commands and events put where they cannot work (exit 2, saying why)', async () => {
    const entries = path.join(scratch, 'entries.json');
    writeFileSync(entries, JSON.stringify(targetRoleConfigured));
    const deployed = await cli('customer', 'delete-role', '--account', '222222222222', '--role', 'r', '--stack', 'tenant-dataplane-onboarding-prod');
    const oneShot = await cli('events', 'put', entries, '--scenario', path.join(ROOT, 'scenarios', 'demo.json'));
    const badEntries = path.join(scratch, 'bad.json');
    writeFileSync(badEntries, JSON.stringify([{ Source: 'tenant-platform', DetailType: 'TargetRoleConfigured', Detail: '{"tenantId": ' }]));
    const malformed = await cli('events', 'put', badEntries, '--stack', 'tenant-dataplane-onboarding-prod');
    const sentDeployed = await cli('events', 'list', '--stack', 'tenant-dataplane-onboarding-prod');
    const listOneShot = await cli('list', '--status', 'ACTION_REQUIRED', '--scenario', path.join(ROOT, 'scenarios', 'demo.json'));

    expect(sentDeployed).toMatchObject({ code: 2, err: expect.stringContaining("events go to the rules on its bus") });
    expect(listOneShot).toMatchObject({ code: 2, err: expect.stringContaining('not a one-shot --scenario sandbox') });
    expect(deployed).toMatchObject({ code: 2, err: expect.stringContaining('only a local stack simulates') });
    expect(oneShot).toMatchObject({ code: 2, err: expect.stringContaining('not --scenario') });
    expect(malformed).toMatchObject({ code: 2, err: expect.stringContaining('[0].Detail: not valid JSON') });
  });
});
