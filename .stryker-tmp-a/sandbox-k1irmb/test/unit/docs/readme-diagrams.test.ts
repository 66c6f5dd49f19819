// @ts-nocheck
// The README's state machine diagrams are generated from statemachines/*.asl.json; a change to an ASL
// file without regenerating them would leave the README describing a workflow we no longer deploy.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  aslToMermaid,
  escapeLabel,
  readmeRegion,
  readStateMachines,
  REGENERATE_COMMAND,
  renderReadmeDiagrams,
  replaceReadmeRegion,
} from '../../../lib/docs/asl-mermaid';

const root = path.resolve(__dirname, '../../..');

/** The first line where two texts differ, to say where the README went stale. */
function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const e = expected.split('\n');
  const line = a.findIndex((text, i) => text !== e[i]);
  const at = line < 0 ? a.length : line;
  return `line ${at + 1} of the section: expected ${JSON.stringify(e[at] ?? '(end)')}, found ${JSON.stringify(a[at] ?? '(end)')}`;
}

describe('README state machine diagrams', () => {
  it('are exactly what the generator draws from the ASL files now', () => {
    // Prepare
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');

    // Act
    const expected = renderReadmeDiagrams(readStateMachines(root));
    const actual = readmeRegion(readme);

    // Assess
    if (actual === undefined) {
      throw new Error(`README.md has no <!-- state-machine-diagrams:start/end --> section. Add it with: ${REGENERATE_COMMAND}`);
    }
    if (actual !== expected) {
      throw new Error(
        `README.md's state machine diagrams differ from statemachines/*.asl.json (${firstDifference(actual, expected)}). ` +
          `Regenerate them with: ${REGENERATE_COMMAND}`,
      );
    }
  });

  it('draw one mermaid block per state machine file', () => {
    // Prepare
    const machines = readStateMachines(root);

    // Act
    const region = renderReadmeDiagrams(machines);

    // Assess
    expect(machines.map((m) => m.file)).toEqual(expect.arrayContaining(['statemachines/onboarding.asl.json', 'statemachines/verification.asl.json']));
    expect(region.match(/^```mermaid$/gm)).toHaveLength(machines.length);
    expect(region).toContain('### Verification — `statemachines/verification.asl.json`');
  });
});

describe('replaceReadmeRegion', () => {
  const readme = ['# Title', '', '## Intro', 'text', '', '## The CLI', 'usage', ''].join('\n');

  it('adds the heading and markers before "## The CLI" the first time, and changes nothing else', () => {
    // Act
    const updated = replaceReadmeRegion(readme, '\nbody\n\n');

    // Assess
    expect(updated).toBe(
      [
        '# Title',
        '',
        '## Intro',
        'text',
        '',
        '## State machine diagrams',
        '',
        '<!-- state-machine-diagrams:start -->',
        '',
        'body',
        '',
        '<!-- state-machine-diagrams:end -->',
        '',
        '## The CLI',
        'usage',
        '',
      ].join('\n'),
    );
    expect(readmeRegion(updated)).toBe('\nbody\n\n');
  });

  it('replaces only the text between the markers', () => {
    // Prepare
    const once = replaceReadmeRegion(readme, 'old\n');

    // Act
    const twice = replaceReadmeRegion(once, 'new\n');

    // Assess
    expect(twice).toBe(once.replace('old\n', 'new\n'));
    expect(replaceReadmeRegion(twice, 'new\n')).toBe(twice);
  });

  it('refuses a README with neither markers nor a "## The CLI" heading', () => {
    expect(() => replaceReadmeRegion('# Title\n', 'x\n')).toThrow(/## The CLI/);
  });
});

describe('aslToMermaid', () => {
  it('draws a flowchart with start and end markers and one node per state, shaped by type', () => {
    // Prepare
    const definition = {
      StartAt: 'Prepare',
      States: {
        Prepare: { Type: 'Pass', Next: 'Work' },
        Work: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-1:111111111111:function:work', Next: 'Pause' },
        Pause: { Type: 'Wait', Seconds: 30, Next: 'Done' },
        Done: { Type: 'Succeed' },
      },
    };

    // Act
    const chart = aslToMermaid(definition);

    // Assess
    expect(chart.split('\n').slice(0, 12)).toEqual([
      'flowchart TD',
      '  m_start(("Start")):::marker',
      '  s_Prepare[/"Prepare"/]:::pass',
      '  s_Work["Work"]',
      '  s_Pause{{"Pause<br>30 s"}}:::wait',
      '  s_Done(["Done"]):::succeed',
      '  m_end((("End"))):::marker',
      '  m_start --> s_Prepare',
      '  s_Prepare --> s_Work',
      '  s_Work --> s_Pause',
      '  s_Pause --> s_Done',
      '  s_Done --> m_end',
    ]);
    expect(chart).toMatch(/^ {2}classDef succeed /m);
  });

  it('labels choice edges with their conditions and the default with "otherwise"', () => {
    // Prepare
    const definition = {
      StartAt: 'Outcome',
      States: {
        Outcome: {
          Type: 'Choice',
          Choices: [
            { Variable: '$.attempt.outcome', StringEquals: 'DENIED', Next: 'Denied' },
            { Variable: '$.request.targetRoles[0]', IsPresent: true, Next: 'Denied' },
            {
              And: [
                { Variable: '$.progress.attempts', NumericGreaterThanEquals: 3 },
                { Not: { Variable: '$.progress.continue', BooleanEquals: true } },
              ],
              Next: 'Stop',
            },
            { Variable: '$.a', StringEqualsPath: '$.expected.value', Next: 'Stop' },
          ],
          Default: 'Stop',
        },
        Denied: { Type: 'Fail', Error: 'Denied' },
        Stop: { Type: 'Succeed' },
      },
    };

    // Act
    const chart = aslToMermaid(definition);

    // Assess
    expect(chart).toContain('  s_Outcome{"Outcome"}:::choice');
    expect(chart).toContain('  s_Outcome -->|"outcome = DENIED"| s_Denied');
    expect(chart).toContain('  s_Outcome -->|"targetRoles[0] is present"| s_Denied');
    expect(chart).toContain('  s_Outcome -->|"attempts ≥ 3 and not continue = true"| s_Stop');
    expect(chart).toContain('  s_Outcome -->|"a = value"| s_Stop');
    expect(chart).toContain('  s_Outcome -->|"otherwise"| s_Stop');
    expect(chart).toContain('  s_Denied>"Denied<br>fails with Denied"]:::fail');
  });

  it('draws catchers as dashed edges labelled with their errors, one per target, and retries on the task', () => {
    // Prepare
    const definition = {
      StartAt: 'Provision',
      States: {
        Provision: {
          Type: 'Task',
          Resource: 'arn:aws:lambda:eu-west-1:111111111111:function:provision',
          Retry: [
            { ErrorEquals: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'Sandbox.Timedout'], MaxAttempts: 3 },
            { ErrorEquals: ['TransientAwsError'], MaxAttempts: 6 },
            { ErrorEquals: ['NeverRetried'], MaxAttempts: 0 },
          ],
          Catch: [
            { ErrorEquals: ['OidcProviderMissing', 'QuotaExceeded'], Next: 'Record Failure' },
            { ErrorEquals: ['InvalidRequest'], Next: 'Rejected' },
            { ErrorEquals: ['States.ALL'], Next: 'Record Failure' },
          ],
          End: true,
        },
        'Record Failure': { Type: 'Fail' },
        Rejected: { Type: 'Fail' },
      },
    };

    // Act
    const chart = aslToMermaid(definition);

    // Assess
    expect(chart).toContain('  s_Provision["Provision<br>retries Lambda errors, Sandbox.Timedout ×3, TransientAwsError ×6"]');
    expect(chart).toContain('  s_Provision -.->|"OidcProviderMissing, QuotaExceeded, States.ALL"| s_Record_Failure');
    expect(chart).toContain('  s_Provision -.->|"InvalidRequest"| s_Rejected');
    expect(chart).toContain('  s_Provision --> m_end');
    expect(chart).not.toContain('NeverRetried');
  });

  it('breaks long catch labels into lines', () => {
    // Prepare
    const errors = ['ClusterNotFound', 'ClusterNotReady', 'OidcProviderMissing', 'DataplaneRoleNotOwned', 'QuotaExceeded'];
    const definition = {
      StartAt: 'A',
      States: { A: { Type: 'Task', Resource: 'x', Catch: [{ ErrorEquals: errors, Next: 'F' }], End: true }, F: { Type: 'Fail' } },
    };

    // Act
    const chart = aslToMermaid(definition);

    // Assess
    expect(chart).toContain('  s_A -.->|"ClusterNotFound, ClusterNotReady,<br>OidcProviderMissing, DataplaneRoleNotOwned,<br>QuotaExceeded"| s_F');
  });

  it('draws a Map state as a subgraph of its ItemProcessor, with its own start and end', () => {
    // Prepare
    const definition = {
      StartAt: 'Plan',
      States: {
        Plan: { Type: 'Task', Resource: 'x', Next: 'Each' },
        Each: {
          Type: 'Map',
          ItemsPath: '$.plan.connections',
          MaxConcurrency: 10,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Try',
            States: {
              Try: { Type: 'Task', Resource: 'y', Next: 'Again?' },
              'Again?': {
                Type: 'Choice',
                Choices: [{ Variable: '$.progress.continue', BooleanEquals: true, Next: 'Pause' }],
                Default: 'Settled',
              },
              Pause: { Type: 'Wait', SecondsPath: '$.progress.waitSeconds', Next: 'Try' },
              Settled: { Type: 'Succeed' },
            },
          },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
          Next: 'Done',
        },
        Done: { Type: 'Succeed' },
        Failed: { Type: 'Fail' },
      },
    };

    // Act
    const lines = aslToMermaid(definition).split('\n');

    // Assess
    const open = lines.indexOf('  subgraph s_Each ["Each<br>Map: each of connections, at most 10 at a time"]');
    const close = lines.indexOf('  end');
    expect(open).toBeGreaterThan(0);
    expect(close).toBeGreaterThan(open);
    expect(lines.slice(open + 1, close)).toEqual([
      '    m_s_Each_start(("Start")):::marker',
      '    s_Try["Try"]',
      '    s_Again{"Again?"}:::choice',
      '    s_Pause{{"Pause<br>seconds from waitSeconds"}}:::wait',
      '    s_Settled(["Settled"]):::succeed',
      '    m_s_Each_end((("End"))):::marker',
      '    m_s_Each_start --> s_Try',
      '    s_Try --> s_Again',
      '    s_Again -->|"continue = true"| s_Pause',
      '    s_Again -->|"otherwise"| s_Settled',
      '    s_Pause --> s_Try',
      '    s_Settled --> m_s_Each_end',
    ]);
    // Edges into and out of the Map attach to the subgraph, outside it.
    expect(lines.slice(close)).toEqual(
      expect.arrayContaining(['  s_Plan --> s_Each', '  s_Each --> s_Done', '  s_Each -.->|"States.ALL"| s_Failed']),
    );
  });

  it('draws a Parallel state as a subgraph with one nested subgraph per branch', () => {
    // Prepare
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
            { StartAt: 'Right', States: { Right: { Type: 'Pass', End: true } } },
          ],
          End: true,
        },
      },
    };

    // Act
    const chart = aslToMermaid(definition);

    // Assess
    expect(chart).toContain('  subgraph s_Both ["Both<br>Parallel"]\n    subgraph s_Both_branch_1 ["Branch 1"]');
    expect(chart).toContain('      m_s_Both_branch_2_start --> s_Right\n      s_Right --> m_s_Both_branch_2_end\n    end\n  end');
    expect(chart).toContain('  s_Both --> m_end');
  });

  it('escapes quotes, markup and entity characters in names, keeps brackets, and gives colliding names distinct ids', () => {
    // Prepare
    const definition = {
      StartAt: 'Say "hi" [now]',
      States: {
        'Say "hi" [now]': { Type: 'Pass', Next: 'Say hi (now)' },
        'Say hi (now)': { Type: 'Pass', Next: 'a <b> & #c | `d`' },
        'a <b> & #c | `d`': { Type: 'Pass', Next: 'end' },
        end: { Type: 'Succeed' },
      },
    };

    // Act
    const chart = aslToMermaid(definition);

    // Assess
    expect(chart).toContain('  s_Say_hi_now[/"Say #quot;hi#quot; [now]"/]:::pass');
    expect(chart).toContain('  s_Say_hi_now_2[/"Say hi (now)"/]:::pass');
    expect(chart).toContain('  s_a_b_c_d[/"a #lt;b#gt; #amp; #35;c #124; #96;d#96;"/]:::pass');
    expect(chart).toContain('  s_end(["end"]):::succeed');
    expect(chart).toContain('  s_Say_hi_now --> s_Say_hi_now_2');
    expect(chart).not.toMatch(/^ {2}end$/m);
  });

  it('is deterministic', () => {
    const definition = JSON.parse(readFileSync(path.join(root, 'statemachines', 'verification.asl.json'), 'utf8'));
    expect(aslToMermaid(definition)).toBe(aslToMermaid(JSON.parse(JSON.stringify(definition))));
  });

  it('rejects what is not an ASL definition, and transitions to unknown states', () => {
    expect(() => aslToMermaid({ States: {} })).toThrow(/no StartAt/);
    expect(() => aslToMermaid({ StartAt: 'A', States: { B: { Type: 'Succeed' } } })).toThrow(/starts at "A"/);
    expect(() => aslToMermaid({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } })).toThrow(/"Nowhere"/);
    expect(() => aslToMermaid({ StartAt: 'A', States: { A: { Type: 'Magic' } } })).toThrow(/not an ASL state type/);
  });
});

describe('escapeLabel', () => {
  it('writes characters Mermaid would read as syntax as entity codes, "#" first', () => {
    expect(escapeLabel('50# "x"\n<y>')).toBe('50#35; #quot;x#quot; #lt;y#gt;');
  });
});
