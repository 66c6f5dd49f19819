// docs/events.md shows how to put the two events on the stack's bus: an example aimed at another bus
// would put events that reach no rule, and PutEvents would still answer FailedEntryCount 0.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const doc = readFileSync(path.join(root, 'docs/events.md'), 'utf8');

/** The bus serverless.yml creates for a stage: EventBus's Name, with the service and stage filled in. */
function stackBusName(stage: string): string {
  const template = readFileSync(path.join(root, 'serverless.yml'), 'utf8');
  const service = /^service: (\S+)$/m.exec(template)?.[1];
  const name = /^ {4}EventBus:\n {6}Type: AWS::Events::EventBus\n {6}Properties:\n {8}Name: (\S+)$/m.exec(template)?.[1];
  if (!service || !name) throw new Error('serverless.yml has no service name or no EventBus resource with a Name');
  return name.replace('${self:service}', service).replace('${sls:stage}', stage);
}

describe('docs/events.md', () => {
  it('puts every example event on the stack\'s bus, tenant-dataplane-onboarding-<stage>', () => {
    // Act
    const buses = [...doc.matchAll(/"EventBusName":\s*"([^"]*)"/g)].map((m) => m[1]);

    // Assess
    expect(buses.length).toBeGreaterThan(0);
    expect(new Set(buses)).toEqual(new Set([stackBusName('prod')]));
  });

  it('never sends an example to the default bus, where no rule of the stack listens', () => {
    const commands = [...doc.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((c) => c.includes('put-events'));

    expect(commands.length).toBeGreaterThan(0);
    for (const command of commands) expect(command).toMatch(/EventBusName|--event-bus-name/);
    expect(doc).not.toMatch(/leave `EventBusName` out/);
  });
});
