// No External ID of any scenario may appear anywhere an operator, a log reader or an API caller can
// see it: execution histories (as `onboarding history` reads them), the functions' log lines, the
// queues' bodies (account manager, invalid events, failed events), the status API's answers and the
// CLI's output. Every scenario runs the way production runs it: a TenantCreated event, then each
// connection as a TargetRoleConfigured event, then a support re-run through the API with connections.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { LocalEnvironment } from '../../lib/local/local-environment';
import { captureLogLines } from '../support/lambda';

// The functions' logger takes its level once, when it is created, and the Lambda middleware puts it
// back to that level on every invocation: the code under test is loaded afresh with DEBUG logging.
let m: {
  createAwsClients: typeof import('../../lib/adapters/aws-clients').createAwsClients;
  SqsDeadLetters: typeof import('../../lib/adapters/sqs-dead-letters').SqsDeadLetters;
  startLocalApi: typeof import('../../lib/api/local-server').startLocalApi;
  formatHistory: typeof import('../../lib/cli/history').formatHistory;
  tenantHistory: typeof import('../../lib/cli/history').tenantHistory;
  main: typeof import('../../lib/cli/main').main;
  formatStatus: typeof import('../../lib/cli/support').formatStatus;
  handleEvent: typeof import('../../lib/events/handle-event').handleEvent;
  LocalEnvironment: typeof import('../../lib/local/local-environment').LocalEnvironment;
  loadScenario: typeof import('../../lib/sandbox').loadScenario;
  LocalStack: typeof import('../../lib/local/local-stack').LocalStack;
  localRoutes: typeof import('../../lib/api/local-routes').localRoutes;
  announceStack: typeof import('../../lib/local/stack-file').announceStack;
};

beforeAll(() => {
  const previous = process.env.POWERTOOLS_LOG_LEVEL;
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
  jest.isolateModules(() => {
    m = {
      createAwsClients: require('../../lib/adapters/aws-clients').createAwsClients,
      SqsDeadLetters: require('../../lib/adapters/sqs-dead-letters').SqsDeadLetters,
      startLocalApi: require('../../lib/api/local-server').startLocalApi,
      formatHistory: require('../../lib/cli/history').formatHistory,
      tenantHistory: require('../../lib/cli/history').tenantHistory,
      main: require('../../lib/cli/main').main,
      formatStatus: require('../../lib/cli/support').formatStatus,
      handleEvent: require('../../lib/events/handle-event').handleEvent,
      LocalEnvironment: require('../../lib/local/local-environment').LocalEnvironment,
      loadScenario: require('../../lib/sandbox').loadScenario,
      LocalStack: require('../../lib/local/local-stack').LocalStack,
      localRoutes: require('../../lib/api/local-routes').localRoutes,
      announceStack: require('../../lib/local/stack-file').announceStack,
    };
  });
  process.env.POWERTOOLS_LOG_LEVEL = previous;
});

const SCENARIOS_DIR = path.resolve(__dirname, '../../scenarios');
const SCENARIOS = readdirSync(SCENARIOS_DIR).filter((f) => f.endsWith('.json')).sort();
const TENANT = 'acme';

/** Every External ID a scenario holds: its connections' and its customers' trust policies', as written and trimmed. */
function externalIdsOf(value: unknown, key = '', found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => externalIdsOf(v, key, found));
  else if (value !== null && typeof value === 'object') Object.entries(value).forEach(([k, v]) => externalIdsOf(v, k, found));
  else if (typeof value === 'string' && (key === 'externalId' || key === 'sts:ExternalId')) {
    found.add(value);
    if (value.trim().length >= 2) found.add(value.trim());
  }
  return found;
}

const SECRETS = [...new Set(SCENARIOS.flatMap((f) => [...externalIdsOf(JSON.parse(readFileSync(path.join(SCENARIOS_DIR, f), 'utf8')))]))];

/** Where each secret shows up, by the name of what showed it; empty when nothing leaks. */
function leaks(artifacts: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(artifacts)) {
    SECRETS.forEach((secret, i) => {
      if (text.includes(secret)) found.push(`${where} holds External ID #${i} (${secret.length} characters)`);
    });
  }
  return found;
}

type Connection = { connectionId: string; roleArn: string; externalId: string };

function connectionsOf(file: string): Connection[] {
  return (JSON.parse(readFileSync(path.join(SCENARIOS_DIR, file), 'utf8')) as { connections?: Connection[] }).connections ?? [];
}

function eventOf(detailType: string, id: string, detail: Record<string, unknown>) {
  return {
    version: '0',
    id,
    'detail-type': detailType,
    source: 'tenant-platform',
    account: '111111111111',
    time: '2026-11-23T10:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}

interface Run {
  env: LocalEnvironment;
  artifacts: Record<string, string>;
  handle: (event: unknown) => Promise<unknown>;
}

/**
 * A sandbox with the stack's three queues and the event starter as Lambda runs it: an event the
 * starter throws on goes to the failed-events queue as Lambda's on-failure destination writes it.
 */
async function sandbox(file: string): Promise<Run> {
  const env = await m.LocalEnvironment.start(m.loadScenario(path.join(SCENARIOS_DIR, file)));
  const sqs = m.createAwsClients({ region: env.config.region }).sqs;
  const invalidEvents = env.sandbox.createQueue('tenant-dataplane-onboarding-local-invalid-events');
  const failedEvents = env.sandbox.createQueue('tenant-dataplane-onboarding-local-failed-events');
  const deps = { starter: env.starter(), deadLetters: new m.SqsDeadLetters(sqs, invalidEvents), statusStore: env.adapters().statusStore };
  const artifacts: Record<string, string> = {};
  const handle = async (event: unknown) => {
    try {
      const outcome = await m.handleEvent(event, deps);
      if (outcome.started) await env.finished(outcome.executionArn);
      return outcome;
    } catch (error) {
      const record = { requestPayload: event, responsePayload: { errorType: (error as Error).name, errorMessage: (error as Error).message } };
      await sqs.send(new SendMessageCommand({ QueueUrl: failedEvents, MessageBody: JSON.stringify(record) }));
      return error;
    }
  };
  const collectQueues = () => {
    artifacts['account-manager queue'] = JSON.stringify(env.queueMessages());
    artifacts['invalid-events queue'] = JSON.stringify(env.sandbox.peekMessages(invalidEvents));
    artifacts['failed-events queue'] = JSON.stringify(env.sandbox.peekMessages(failedEvents));
  };
  return { env, artifacts, handle: async (e) => { const r = await handle(e); collectQueues(); return r; } };
}

/** Every execution of the tenant with its history, as `onboarding history --json` and the human form print them. */
async function histories(env: LocalEnvironment, artifacts: Record<string, string>) {
  const found = await m.tenantHistory(TENANT, env.executionRecords(), env.adapters().statusStore);
  for (const execution of found.executions) artifacts[`history of ${execution.name}`] = JSON.stringify(execution);
  artifacts['history, as printed'] = m.formatHistory(found).join('\n');
  const status = await env.status(TENANT);
  if (status) artifacts['status, as printed'] = m.formatStatus(status).join('\n');
  return found;
}


describe('no External ID leaks', () => {
  it('the scenarios hold External IDs to look for', () => {
    expect(SECRETS.length).toBeGreaterThanOrEqual(3);
  });

  it.each(SCENARIOS)('%s: events, a support re-run through the API, histories, logs, queues and answers hold none', async (file) => {
    const connections = connectionsOf(file);
    const cluster = m.loadScenario(path.join(SCENARIOS_DIR, file)).clusters[0]!.name;
    let run: Run | undefined;
    let executions = 0;
    let stored = '';
    // Act: the whole run with stdout and stderr captured, the functions logging at DEBUG.
    const { raw, lines } = await captureLogLines(async () => {
      run = await sandbox(file);
      const { env, artifacts, handle } = run;
      try {
        await handle(eventOf('TenantCreated', `created-${file}`, { tenantId: TENANT, clusterName: cluster }));
        const ready = (await env.status(TENANT))?.status === 'ROLE_READY';
        if (ready) {
          for (const c of connections) await handle(eventOf('TargetRoleConfigured', `configured-${c.connectionId}`, { tenantId: TENANT, ...c }));
        }
        const api = await m.startLocalApi(env);
        try {
          const request = {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': `leak-${file}` },
            // A day's polling instead of seven: the events already polled to the full deadline.
            body: JSON.stringify(connections.length > 0 ? { connections, schedule: { deadlineSeconds: 86_400 } } : {}),
          };
          const first = await fetch(`${api.url}/tenants/${TENANT}/verifications`, request);
          artifacts['API POST verifications'] = await first.text();
          const executionArn = (JSON.parse(artifacts['API POST verifications']) as { executionArn?: string }).executionArn;
          if (executionArn) await env.finished(executionArn);
          artifacts['API POST verifications, retried'] = await (await fetch(`${api.url}/tenants/${TENANT}/verifications`, request)).text();
          artifacts['API GET status'] = await (await fetch(`${api.url}/tenants/${TENANT}/status`)).text();
          for (const c of connections) {
            artifacts[`API GET connection ${c.connectionId}`] = await (await fetch(`${api.url}/tenants/${TENANT}/connections/${c.connectionId}`)).text();
          }
        } finally {
          await api.close();
        }
        executions = (await histories(env, artifacts)).executions.length;
        stored = JSON.stringify(await env.adapters().statusStore.storedConnections(TENANT));
      } finally {
        await env.close();
      }
    });

    // Assess: the run did what it should, with the External IDs in hand, and showed none of them.
    expect(executions).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(0);
    for (const c of connections) expect(stored).toContain(JSON.stringify(c.externalId));
    expect(leaks({ ...run!.artifacts, 'log lines': raw })).toEqual([]);
  }, 120_000);

  it('the support CLI on the sandbox (status, verify --connections, history) prints none and logs none', async () => {
    // Prepare
    // A scenario whose connection settles within a few attempts: each command runs a sandbox of its own.
    const file = 'verify-wrong-external-id-fixed-later.json';
    const scenario = path.join(SCENARIOS_DIR, file);
    const connectionsFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'connections-')), 'connections.json');
    writeFileSync(connectionsFile, JSON.stringify(connectionsOf(file)));
    const commands = [
      ['status', TENANT, '--scenario', scenario],
      ['status', TENANT, '--json', '--scenario', scenario],
      ['verify', TENANT, '--connections', connectionsFile, '--scenario', scenario],
      ['history', TENANT, '--scenario', scenario],
      ['history', TENANT, '--json', '--scenario', scenario],
    ];
    const artifacts: Record<string, string> = {};

    // Act
    const { raw } = await captureLogLines(async () => {
      for (const args of commands) {
        const out: string[] = [];
        await m.main(['node', 'onboarding', ...args], { out: (t) => out.push(t), err: (t) => out.push(t) });
        artifacts[`onboarding ${args.slice(0, 2).join(' ')}${args.includes('--json') ? ' --json' : ''}`] = out.join('\n');
      }
    });

    // Assess
    expect(artifacts['onboarding history acme --json']).toContain('ExecutionStarted');
    expect(leaks({ ...artifacts, 'log lines': raw })).toEqual([]);
  }, 180_000);

  // `onboarding events put` on a running local stack: the entries' Details hold External IDs, which
  // go to the real event starter; what the CLI prints back, what the functions log, the executions the
  // stack saves and what status and history print hold none. (The stack's sandbox state and status
  // table do hold them, as CloudTrail and the table do in AWS: the state folder is ignored by git.)
  it('events put on the local stack (valid and invalid entries), then status and history, print and log none', async () => {
    // Prepare: a local stack, found by the CLI through its state folder's stack file.
    const file = 'verify-wrong-external-id-fixed-later.json';
    const dir = mkdtempSync(path.join(os.tmpdir(), 'leak-stack-'));
    const stateDir = path.join(dir, 'state');
    const entries = (list: { DetailType: string; Detail: Record<string, unknown> }[]) => {
      const entriesFile = path.join(dir, `entries-${Math.random().toString(16).slice(2)}.json`);
      writeFileSync(entriesFile, JSON.stringify(list.map((e) => ({ Source: 'tenant-platform', DetailType: e.DetailType, Detail: JSON.stringify(e.Detail) }))));
      return entriesFile;
    };
    const created = entries([{ DetailType: 'TenantCreated', Detail: { tenantId: TENANT, clusterName: 'acme-prod' } }]);
    const configured = entries([
      ...connectionsOf(file).map((c) => ({ DetailType: 'TargetRoleConfigured', Detail: { tenantId: TENANT, ...c } })),
      // Refused by the starter: its External ID must not come back in the reason.
      { DetailType: 'TargetRoleConfigured', Detail: { tenantId: TENANT, connectionId: 'not a valid id!', roleArn: 'arn:aws:iam::222222222222:role/qualytics-s3-read', externalId: 'acme-7Hq2vX9pLm' } },
    ]);
    const artifacts: Record<string, string> = {};
    const cli = async (...args: string[]) => {
      const out: string[] = [];
      const code = await m.main(['node', 'onboarding', ...args, '--state-dir', stateDir], { out: (t) => out.push(t), err: (t) => out.push(t) });
      artifacts[`onboarding ${args.join(' ')}`] = out.join('\n');
      return { code, out: out.join('\n') };
    };
    const until = async (done: () => Promise<boolean>) => {
      for (let i = 0; i < 100 && !(await done()); i += 1) await new Promise((resolve) => setTimeout(resolve, 200));
    };

    // Act
    const { raw } = await captureLogLines(async () => {
      const stack = await m.LocalStack.open({ stateDir, scenarioFile: path.join(SCENARIOS_DIR, file) });
      const api = await m.startLocalApi(stack.env, 0, { localRoutes: m.localRoutes(stack.env) });
      try {
        m.announceStack(stateDir, { pid: process.pid, url: api.url, startedAt: new Date().toISOString() });
        await cli('events', 'put', created);
        await until(async () => (await stack.env.status(TENANT))?.status === 'ROLE_READY');
        await cli('events', 'put', configured);
        await until(async () => (await stack.env.status(TENANT))?.verification?.state === 'VERIFIED');
        await cli('status', TENANT);
        await cli('status', TENANT, '--json');
        await cli('history', TENANT);
        await cli('history', TENANT, '--json');
      } finally {
        await api.close();
        await stack.close();
      }
      artifacts['saved executions'] = readFileSync(path.join(stateDir, 'executions.json'), 'utf8');
    });

    // Assess: the connection was verified with its External ID, the bad entry refused, and none shown.
    expect(artifacts['onboarding status acme --json']).toContain('"state": "VERIFIED"');
    expect(artifacts[`onboarding events put ${configured}`]).toMatch(/\[1\] event .*refused by the event starter/);
    expect(artifacts['saved executions']).toContain('Plan Verification');
    expect(leaks({ ...artifacts, 'log lines': raw })).toEqual([]);
  }, 120_000);

  // A TenantCreated that carries targetRoles, and the CLI's `onboard` with a scenario's connections:
  // the connections are stored first and onboarding carries references only, so neither its history
  // nor the nested verification's input holds an External ID.
  // Scenarios whose connections settle quickly: the test above polls every scenario to its end.
  it('TenantCreated with targetRoles, and `onboarding onboard` of a scenario with connections, leave none in any history', async () => {
    const artifacts: Record<string, string> = {};
    for (const file of ['verify-correct-setup.json', 'verify-external-id-trailing-space.json', 'verify-wrong-external-id-fixed-later.json']) {
      const run = await sandbox(file);
      try {
        const cluster = m.loadScenario(path.join(SCENARIOS_DIR, file)).clusters[0]!.name;
        await run.handle(eventOf('TenantCreated', `created-${file}`, { tenantId: TENANT, clusterName: cluster, targetRoles: connectionsOf(file) }));
        await histories(run.env, artifacts);
      } finally {
        await run.env.close();
      }
      const out: string[] = [];
      // The execution input `onboard` starts with (the CLI closes its sandbox, and the history with it).
      // The CLI loads its sandbox when a command needs it, from the test file's own module registry (not
      // the isolated one above): the spy and the log level go where it loads, the level before it loads.
      const previousLevel = process.env.POWERTOOLS_LOG_LEVEL;
      process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
      const cliEnvironment: typeof m.LocalEnvironment = require('../../lib/local/local-environment').LocalEnvironment;
      const started = jest.spyOn(cliEnvironment.prototype, 'onboard');
      try {
        await m.main(['node', 'onboarding', 'onboard', '--tenant', TENANT, '--cluster', 'acme-prod', '--json', '--scenario', path.join(SCENARIOS_DIR, file)], {
          out: (t) => out.push(t),
          err: (t) => out.push(t),
        });
        expect(started).toHaveBeenCalledTimes(1);
        artifacts[`onboarding onboard ${file}: execution input`] = JSON.stringify(started.mock.calls[0]![0]);
      } finally {
        process.env.POWERTOOLS_LOG_LEVEL = previousLevel;
        started.mockRestore();
      }
      artifacts[`onboarding onboard ${file}`] = out.join('\n');
    }
    expect(leaks(artifacts)).toEqual([]);
  }, 300_000);

  // The starter dead-letters a scrubbed copy of a rejected event: its External ID is in the
  // invalid-events queue only as length and fingerprint.
  it('an invalid event that carries an External ID leaves none in the invalid-events queue', async () => {
    const run = await sandbox('verify-correct-setup.json');
    try {
      await run.handle(eventOf('TenantCreated', 'created-ok', { tenantId: TENANT, clusterName: 'acme-prod' }));
      await run.handle(
        eventOf('TargetRoleConfigured', 'configured-bad-id', {
          tenantId: TENANT,
          connectionId: 'not a valid id!',
          roleArn: 'arn:aws:iam::222222222222:role/qualytics-s3-read',
          externalId: 'acme-7Hq2vX9pLm',
        }),
      );
      expect(JSON.parse(run.artifacts['invalid-events queue']!)).toHaveLength(1);
      expect(leaks(run.artifacts)).toEqual([]);
    } finally {
      await run.env.close();
    }
  }, 60_000);
});
