// @ts-nocheck
// Mermaid flowcharts of the state machines, generated from the ASL files so the README's diagrams
// cannot drift from what is deployed. This module is the one source of truth for the diagrams: the
// README test compares against it, and scripts/update-readme-diagrams.cjs bundles it (with esbuild)
// to rewrite the README, so nothing here may need more than Node's built-ins.
//
// The output is compared byte for byte, so it is deterministic: states in the order the ASL file
// lists them, ids derived from state names, no timestamps, no randomness.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The parts of an ASL definition the diagram shows; everything else is ignored. */
export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  Comment?: string;
}

export interface AslState {
  Type: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: ChoiceRule[];
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  ItemProcessor?: AslDefinition;
  /** The pre-2022 name of ItemProcessor, still accepted by Step Functions. */
  Iterator?: AslDefinition;
  Branches?: AslDefinition[];
  ItemsPath?: string;
  MaxConcurrency?: number;
  Seconds?: number | string;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
  Error?: string;
  [key: string]: unknown;
}

export type ChoiceRule = Record<string, unknown>;

const START_LABEL = 'Start';
const END_LABEL = 'End';
/** Edge labels longer than this are broken into lines, so a long Catch list does not widen the whole chart. */
const LABEL_LINE_LENGTH = 48;

/** A Mermaid `flowchart TD` of one ASL definition. */
export function aslToMermaid(definition: unknown): string {
  const root = checkDefinition(definition, 'the definition');
  const ids = new IdAllocator();
  const out: string[] = ['flowchart TD'];
  renderScope(root, ids, '', out, '  ');
  out.push(...CLASS_DEFS.map((line) => `  ${line}`));
  return out.join('\n');
}

// A fill per state type (tasks keep the theme's default), so the type reads at a glance even where a
// renderer draws some shapes alike.
const CLASS_DEFS = [
  'classDef choice fill:#fff8e1,stroke:#b58900',
  'classDef wait fill:#e8f0fe,stroke:#4a6fa5',
  'classDef pass fill:#f3f3f3,stroke:#888888',
  'classDef succeed fill:#e6f4ea,stroke:#2e7d32',
  'classDef fail fill:#fce8e6,stroke:#c62828',
  'classDef marker fill:#222222,stroke:#222222,color:#ffffff',
];

/**
 * Renders the states of one scope (the machine, a Map's ItemProcessor, a Parallel branch) with its
 * own start and end markers. Every node of the scope is declared, and every edge between them drawn,
 * at the point this is called, so that inside a `subgraph` block Mermaid places them in that subgraph.
 */
function renderScope(scope: AslDefinition, ids: IdAllocator, scopeId: string, out: string[], indent: string): void {
  const startId = ids.allocate(scopeId ? `${scopeId}_start` : 'start', 'm_');
  const endId = ids.allocate(scopeId ? `${scopeId}_end` : 'end', 'm_');
  const stateIds = new Map<string, string>();
  for (const name of Object.keys(scope.States)) stateIds.set(name, ids.allocate(name, 's_'));
  const idOf = (name: string, from: string): string => {
    const id = stateIds.get(name);
    if (!id) throw new Error(`State "${from}" goes to "${name}", which is not a state of its scope`);
    return id;
  };

  out.push(`${indent}${startId}(("${START_LABEL}")):::marker`);
  for (const [name, state] of Object.entries(scope.States)) {
    const id = stateIds.get(name)!;
    const container = containerStates(state, name);
    if (container) {
      out.push(`${indent}subgraph ${id} ["${label([name, ...containerDetails(state), ...retryLines(state)])}"]`);
      container.forEach((child, index) => {
        if (container.length === 1) {
          renderScope(child, ids, id, out, `${indent}  `);
          return;
        }
        const branchId = ids.allocate(`${id}_branch_${index + 1}`, '');
        out.push(`${indent}  subgraph ${branchId} ["${label([`Branch ${index + 1}`])}"]`);
        renderScope(child, ids, branchId, out, `${indent}    `);
        out.push(`${indent}  end`);
      });
      out.push(`${indent}end`);
    } else {
      out.push(`${indent}${id}${shape(state, name)}`);
    }
  }
  out.push(`${indent}${endId}((("${END_LABEL}"))):::marker`);

  out.push(`${indent}${startId} --> ${idOf(scope.StartAt, 'StartAt')}`);
  for (const [name, state] of Object.entries(scope.States)) {
    const from = stateIds.get(name)!;
    if (state.Type === 'Choice') {
      for (const rule of state.Choices ?? []) {
        out.push(`${indent}${from} -->|"${edgeLabel([describeRule(rule)])}"| ${idOf(String(rule.Next), name)}`);
      }
      if (state.Default) out.push(`${indent}${from} -->|"otherwise"| ${idOf(state.Default, name)}`);
    } else if (state.Next) {
      out.push(`${indent}${from} --> ${idOf(state.Next, name)}`);
    }
    for (const [target, errors] of catchTargets(state)) {
      out.push(`${indent}${from} -.->|"${edgeLabel(errors)}"| ${idOf(target, name)}`);
    }
    if (state.End === true || state.Type === 'Succeed' || state.Type === 'Fail') out.push(`${indent}${from} --> ${endId}`);
  }
}

/** The nested definitions a Map or Parallel state runs, or undefined for a state without any. */
function containerStates(state: AslState, name: string): AslDefinition[] | undefined {
  if (state.Type === 'Map') {
    const processor = state.ItemProcessor ?? state.Iterator;
    if (!processor) throw new Error(`Map state "${name}" has no ItemProcessor`);
    return [checkDefinition(processor, `the ItemProcessor of "${name}"`)];
  }
  if (state.Type === 'Parallel') {
    if (!Array.isArray(state.Branches) || state.Branches.length === 0) throw new Error(`Parallel state "${name}" has no Branches`);
    return state.Branches.map((branch, i) => checkDefinition(branch, `branch ${i + 1} of "${name}"`));
  }
  return undefined;
}

function containerDetails(state: AslState): string[] {
  if (state.Type !== 'Map') return ['Parallel'];
  const items = state.ItemsPath ? `each of ${shortPath(state.ItemsPath)}` : 'each item';
  const concurrency = state.MaxConcurrency ? `, at most ${state.MaxConcurrency} at a time` : '';
  return [`Map: ${items}${concurrency}`];
}

/** The node for a state that is not a container: its shape says its type. */
function shape(state: AslState, name: string): string {
  switch (state.Type) {
    case 'Task':
      return `["${label([name, ...retryLines(state)])}"]`;
    case 'Choice':
      return `{"${label([name])}"}:::choice`;
    case 'Wait':
      return `{{"${label([name, ...waitLines(state)])}"}}:::wait`;
    case 'Pass':
      return `[/"${label([name])}"/]:::pass`;
    case 'Succeed':
      return `(["${label([name])}"]):::succeed`;
    case 'Fail':
      return `>"${label([name, ...(state.Error ? [`fails with ${state.Error}`] : [])])}"]:::fail`;
    default:
      throw new Error(`State "${name}" has type ${JSON.stringify(state.Type)}, which is not an ASL state type`);
  }
}

function waitLines(state: AslState): string[] {
  if (state.Seconds !== undefined) return [`${state.Seconds} s`];
  if (state.SecondsPath) return [`seconds from ${shortPath(state.SecondsPath)}`];
  if (state.Timestamp) return [`until ${state.Timestamp}`];
  if (state.TimestampPath) return [`until ${shortPath(state.TimestampPath)}`];
  return [];
}

/**
 * "retries Lambda errors ×3, TransientAwsError ×6". Several errors of one AWS service in a retrier
 * (the four Lambda service exceptions every Lambda task retries) are named by the service: listed in
 * full on every task, they would make each box four lines wider and say nothing the ASL does not.
 */
function retryLines(state: AslState): string[] {
  const parts = (state.Retry ?? [])
    .filter((retrier) => (retrier.MaxAttempts ?? 3) > 0)
    .map((retrier) => `${retriedErrors(retrier.ErrorEquals)} ×${retrier.MaxAttempts ?? 3}`);
  return parts.length > 0 ? [`retries ${parts.join(', ')}`] : [];
}

function retriedErrors(names: string[]): string {
  const serviceOf = (name: string) => /^([A-Za-z]+)\.[A-Za-z]+$/.exec(name)?.[1];
  const perService = new Map<string, number>();
  for (const name of names) {
    const service = serviceOf(name);
    if (service && service !== 'States') perService.set(service, (perService.get(service) ?? 0) + 1);
  }
  const shown: string[] = [];
  for (const name of names) {
    const service = serviceOf(name);
    const grouped = service !== undefined && (perService.get(service) ?? 0) > 1;
    const text = grouped ? `${service} errors` : name;
    if (!shown.includes(text)) shown.push(text);
  }
  return shown.join(', ');
}

/** Catchers grouped by where they go, in the order they are listed: one dashed edge per target. */
function catchTargets(state: AslState): Map<string, string[]> {
  const targets = new Map<string, string[]>();
  for (const catcher of state.Catch ?? []) {
    const errors = targets.get(catcher.Next) ?? [];
    for (const name of catcher.ErrorEquals) if (!errors.includes(name)) errors.push(name);
    targets.set(catcher.Next, errors);
  }
  return targets;
}

// --- Choice rules --------------------------------------------------------------------------------

const COMPARISONS: Record<string, string> = {
  Equals: '=',
  LessThan: '<',
  GreaterThan: '>',
  LessThanEquals: '≤',
  GreaterThanEquals: '≥',
  Matches: 'matches',
};
const TYPE_TESTS: Record<string, string> = {
  IsString: 'a string',
  IsNumeric: 'a number',
  IsBoolean: 'a boolean',
  IsTimestamp: 'a timestamp',
};

/** A Choice rule as a reader says it: "outcome = DENIED", "targetRoles[0] is present". */
export function describeRule(rule: ChoiceRule): string {
  if (typeof rule.Condition === 'string') return rule.Condition.replace(/^\{%\s*|\s*%\}$/g, '');
  if (Array.isArray(rule.And)) return rule.And.map((r) => group(r as ChoiceRule)).join(' and ');
  if (Array.isArray(rule.Or)) return rule.Or.map((r) => group(r as ChoiceRule)).join(' or ');
  if (rule.Not && typeof rule.Not === 'object') return `not ${group(rule.Not as ChoiceRule)}`;

  const variable = typeof rule.Variable === 'string' ? shortPath(rule.Variable) : '?';
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'Variable' || key === 'Next') continue;
    if (key === 'IsPresent') return `${variable} ${value ? 'is present' : 'is absent'}`;
    if (key === 'IsNull') return `${variable} ${value ? 'is null' : 'is not null'}`;
    const typeTest = TYPE_TESTS[key];
    if (typeTest) return `${variable} is ${value ? '' : 'not '}${typeTest}`;
    const comparison = /^(?:String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)(Path)?$/.exec(key);
    if (comparison) {
      const operand = comparison[2] ? shortPath(String(value)) : literal(value);
      return `${variable} ${COMPARISONS[comparison[1]!]} ${operand}`;
    }
  }
  throw new Error(`Choice rule ${JSON.stringify(rule)} has no comparison this diagram knows`);
}

function group(rule: ChoiceRule): string {
  const text = describeRule(rule);
  return rule.And || rule.Or ? `(${text})` : text;
}

/** Bare when unambiguous (DENIED, 42, true), quoted otherwise (an empty string, "two words", "42"). */
function literal(value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  return /^[A-Za-z_][\w.:/@+-]*$/.test(value) && !['true', 'false', 'null'].includes(value) ? value : JSON.stringify(value);
}

/**
 * The last step of a JSONPath, which is what names the value in these machines ("$.attempt.outcome"
 * is "outcome"); the full path is one click away in the ASL file.
 */
export function shortPath(jsonPath: string): string {
  if (jsonPath === '$' || jsonPath === '$$') return jsonPath === '$' ? 'the input' : 'the context';
  const segments = jsonPath.match(/[^.[\]]+(?:\[[^\]]*\])*|\[[^\]]*\]/g) ?? [jsonPath];
  const last = segments.at(-1)!;
  return last.startsWith('[') && segments.length > 1 ? `${segments.at(-2)}${last}` : last;
}

// --- Labels and ids ------------------------------------------------------------------------------

/**
 * Text as it may appear inside a quoted Mermaid label. Mermaid reads `"` as the end of the label,
 * `#...;` as an entity, and (with HTML labels, as GitHub renders them) `<`, `>` and `&` as markup;
 * `|` ends an edge label and a backtick starts Markdown. All are written as entity codes; `#` first,
 * since every code contains one. Brackets and parentheses are safe inside quotes and stay as they are.
 */
export function escapeLabel(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/#/g, '#35;')
    .replace(/&/g, '#amp;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\|/g, '#124;')
    .replace(/`/g, '#96;');
}

function label(lines: string[]): string {
  return lines.map(escapeLabel).join('<br>');
}

/** Items joined with ", ", broken into lines of about LABEL_LINE_LENGTH characters. */
function edgeLabel(items: string[]): string {
  const lines: string[] = [];
  for (const item of items) {
    const current = lines.at(-1);
    if (current !== undefined && current.length + item.length + 2 <= LABEL_LINE_LENGTH) lines[lines.length - 1] = `${current}, ${item}`;
    else lines.push(item);
  }
  return lines.map((line, i) => escapeLabel(i < lines.length - 1 ? `${line},` : line)).join('<br>');
}

/**
 * Mermaid ids from state names: letters, digits and underscores only, with a prefix so no id is a
 * Mermaid keyword (`end`, `subgraph`, ...) or starts with the `o`/`x` of an edge end. Names that
 * reduce to the same id get a numeric suffix, in the order they are met, so ids are stable.
 */
class IdAllocator {
  private readonly used = new Set<string>();

  allocate(name: string, prefix: string): string {
    const base = `${prefix}${name.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'state'}`;
    let id = base;
    for (let n = 2; this.used.has(id); n += 1) id = `${base}_${n}`;
    this.used.add(id);
    return id;
  }
}

function checkDefinition(value: unknown, what: string): AslDefinition {
  const definition = value as Partial<AslDefinition> | null;
  if (!definition || typeof definition !== 'object' || typeof definition.StartAt !== 'string') {
    throw new Error(`${what} is not an ASL definition: it has no StartAt`);
  }
  if (!definition.States || typeof definition.States !== 'object' || Array.isArray(definition.States)) {
    throw new Error(`${what} is not an ASL definition: it has no States`);
  }
  if (!(definition.StartAt in definition.States)) throw new Error(`${what} starts at "${definition.StartAt}", which is not one of its States`);
  return definition as AslDefinition;
}

// --- The README section --------------------------------------------------------------------------

export const README_REGION_START = '<!-- state-machine-diagrams:start -->';
export const README_REGION_END = '<!-- state-machine-diagrams:end -->';
/** Where the section goes the first time: right before this heading. */
const README_SECTION_BEFORE = '## The CLI';
const README_SECTION_HEADING = '## State machine diagrams';
export const REGENERATE_COMMAND = 'node scripts/update-readme-diagrams.cjs';

const ASL_SUFFIX = '.asl.json';

export interface StateMachineFile {
  /** Relative to the checkout, with forward slashes: statemachines/onboarding.asl.json */
  file: string;
  definition: unknown;
}

/** Every statemachines/*.asl.json of the checkout, sorted by file name. */
export function readStateMachines(root: string): StateMachineFile[] {
  const dir = path.join(root, 'statemachines');
  return readdirSync(dir)
    .filter((name) => name.endsWith(ASL_SUFFIX))
    .sort()
    .map((name) => ({ file: `statemachines/${name}`, definition: JSON.parse(readFileSync(path.join(dir, name), 'utf8')) }));
}

/** The text between the README's marker lines: a legend, then a heading and a diagram per state machine. */
export function renderReadmeDiagrams(machines: StateMachineFile[]): string {
  const lines = [
    '',
    `<!-- Generated from statemachines/*.asl.json by \`${REGENERATE_COMMAND}\`: edit the ASL files, then run it. -->`,
    '',
    'Drawn from the ASL files. Rectangles are tasks (with what they retry), diamonds choices, hexagons waits,',
    'parallelograms pass states, rounded boxes successful ends and flags failed ones; a Map state is a box',
    'around the states it runs for each item. Solid arrows are transitions, labelled with the condition when',
    'they leave a choice; dashed arrows are Catch routes, labelled with the errors they catch.',
  ];
  for (const machine of machines) {
    const name = path.posix.basename(machine.file, ASL_SUFFIX);
    lines.push('', `### ${titleCase(name)} — \`${machine.file}\``, '', '```mermaid', aslToMermaid(machine.definition), '```');
  }
  // A blank line after the start marker and before the end marker, as around any Markdown block.
  lines.push('', '');
  return lines.join('\n');
}

function titleCase(name: string): string {
  const words = name.split(/[-_]+/).filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The lines strictly between the marker lines (each with its newline), or undefined when the README
 * has no such section yet.
 */
export function readmeRegion(readme: string): string | undefined {
  const bounds = regionBounds(readme);
  return bounds && readme.slice(bounds.from, bounds.to);
}

function regionBounds(readme: string): { from: number; to: number } | undefined {
  const start = readme.search(new RegExp(`^${README_REGION_START}\\n`, 'm'));
  if (start < 0) return undefined;
  const from = start + README_REGION_START.length + 1;
  const end = readme.slice(from).search(new RegExp(`^${README_REGION_END}$`, 'm'));
  return end < 0 ? undefined : { from, to: from + end };
}

/**
 * The README with its diagram section replaced by `region`. A README without the markers gets the
 * section (heading and markers) inserted before "## The CLI"; nothing else of the file is touched.
 */
export function replaceReadmeRegion(readme: string, region: string): string {
  const bounds = regionBounds(readme);
  if (bounds) return `${readme.slice(0, bounds.from)}${region}${readme.slice(bounds.to)}`;
  const anchor = readme.search(new RegExp(`^${README_SECTION_BEFORE}$`, 'm'));
  if (anchor < 0) throw new Error(`README has neither the ${README_REGION_START} markers nor a "${README_SECTION_BEFORE}" heading`);
  const section = `${README_SECTION_HEADING}\n\n${README_REGION_START}\n${region}${README_REGION_END}\n\n`;
  return `${readme.slice(0, anchor)}${section}${readme.slice(anchor)}`;
}

export interface ReadmeDiagramsResult {
  upToDate: boolean;
  /** False in check mode, or when the README was already up to date. */
  written: boolean;
  readmePath: string;
}

/** Regenerates the README section from the ASL files; with `check`, only reports whether it is current. */
export function updateReadmeDiagrams(root: string, options: { check?: boolean } = {}): ReadmeDiagramsResult {
  const readmePath = path.join(root, 'README.md');
  if (!existsSync(readmePath)) throw new Error(`No README.md in ${root}`);
  const region = renderReadmeDiagrams(readStateMachines(root));
  // Read as late as possible: other parts of the README change independently of this section.
  const readme = readFileSync(readmePath, 'utf8');
  const upToDate = readmeRegion(readme) === region;
  if (upToDate || options.check) return { upToDate, written: false, readmePath };
  writeFileSync(readmePath, replaceReadmeRegion(readme, region));
  return { upToDate, written: true, readmePath };
}
