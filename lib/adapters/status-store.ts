import type { AttributeDefinition, GlobalSecondaryIndex, KeySchemaElement } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ConnectionState, ConnectionStatus, RejectedEventNote, StatusError, StatusRecord, StatusUpdate, VerificationSummary } from '../domain/status';
import type { ConnectionPage, ConnectionPageKey, StatusStore } from '../ports';
import { Connection, reservedKeyProblem } from '../domain/verification/connection';
import { InvalidVerificationRequest, TransientAwsError } from '../errors';
import { isAwsError, mapAwsError } from './aws-errors';
import type { AdapterFactory } from './adapter-factory';
import { sharedClient } from './aws-client-factory';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { now as clockNow } from '../clock';
import type { IdentityMode } from '../domain/identity-modes';

/**
 * The tenant's connections as configured (External IDs included) live in this attribute, apart from
 * the status: toStatusRecord never maps it, so nothing that reads a status can return them.
 */
const CONNECTION_CONFIGS = 'connectionConfigs';

/**
 * Each connection's status is an item of its own, keyed "<tenant>#connection#<connection id>" ("#" is
 * in neither kind of id), so that a tenant's connections, each status with its diagnosis and evidence
 * (up to about 10 KB), never grow the tenant's item past DynamoDB's 400 KB, and recording an attempt
 * writes (and pays for) that status alone. Every connection verified is stored first (its
 * configuration, in the tenant's item), so the configurations' ids are the statuses to read.
 */
function connectionKey(tenantId: string, connectionId: string): string {
  return `${tenantId}#connection#${connectionId}`;
}

/** The tenant a connection status item belongs to (the part of its key before "#connection#"). */
function tenantOfConnectionKey(key: string): string {
  return key.slice(0, key.indexOf('#connection#'));
}

/** BatchGetItem reads at most 100 keys a request. */
const BATCH_GET_KEYS = 100;

/** The table's partition key; there is no sort key (a tenant's record, and one item per connection status). */
export const STATUS_TABLE_PARTITION_KEY = 'tenantId';

// Shared with the local runner (which creates the table) and the template test (which checks the
// deployed table), so the three can never disagree on the key.
export const STATUS_TABLE_KEY_SCHEMA: KeySchemaElement[] = [{ AttributeName: STATUS_TABLE_PARTITION_KEY, KeyType: 'HASH' }];
export const STATUS_TABLE_ATTRIBUTE_DEFINITIONS: AttributeDefinition[] = [
  { AttributeName: STATUS_TABLE_PARTITION_KEY, AttributeType: 'S' },
  { AttributeName: 'state', AttributeType: 'S' },
  { AttributeName: 'updatedAt', AttributeType: 'S' },
];

/**
 * Connection statuses by state, newest first: "which connections need action, and since when". Only
 * connection status items carry a top-level `state` (a tenant's record has `status`), so the index
 * holds them alone; `updatedAt` of an ACTION_REQUIRED status is when verification settled there, as
 * nothing writes the status again until a new run starts.
 */
export const CONNECTIONS_BY_STATE_INDEX = 'connections-by-state';
export const STATUS_TABLE_GLOBAL_SECONDARY_INDEXES: GlobalSecondaryIndex[] = [
  {
    IndexName: CONNECTIONS_BY_STATE_INDEX,
    KeySchema: [
      { AttributeName: 'state', KeyType: 'HASH' },
      { AttributeName: 'updatedAt', KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'ALL' },
  },
];

type CopiedField = Exclude<keyof StatusUpdate, 'tenantId' | 'execution' | 'error'>;

// Every StatusUpdate field stored as an attribute of the same name. The `satisfies` makes a field
// added to StatusUpdate a compile error here until it is stored too.
const COPIED_FIELDS = Object.keys({
  status: true,
  summary: true,
  clusterName: true,
  namespace: true,
  serviceAccount: true,
  identity: true,
  requestedIdentity: true,
  oidcIssuer: true,
  oidcProviderArn: true,
  podIdentityAssociationId: true,
  roleName: true,
  roleArn: true,
  roleOutcome: true,
  roleChangedAt: true,
  queueMessageId: true,
} satisfies Record<CopiedField, true>) as CopiedField[];

/** The fields of the other identity mode, which a status recorded in this one must not keep. */
const OTHER_MODE_FIELDS: Record<IdentityMode, CopiedField[]> = {
  irsa: ['podIdentityAssociationId'],
  podIdentity: ['oidcIssuer', 'oidcProviderArn'],
};

/**
 * Execution start times are compared as strings, which orders them correctly only in one format:
 * turn any parseable time into ISO 8601 UTC with milliseconds (Step Functions' own format).
 */
export function normalizeStartTime(startTime: string): string {
  const millis = Date.parse(startTime);
  return Number.isNaN(millis) ? startTime : new Date(millis).toISOString();
}

export class DynamoDbStatusStore implements StatusStore {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    // The functions' clock, which a local run moves past the polling waits it skips: every time in a
    // record is then on one clock, and a record is never updated before the attempt it records.
    private readonly now: () => Date = clockNow,
  ) {}

  async record(update: StatusUpdate): Promise<{ applied: boolean }> {
    const names: Record<string, string> = {
      '#tenantId': STATUS_TABLE_PARTITION_KEY,
      '#updatedAt': 'updatedAt',
      '#createdAt': 'createdAt',
      '#executionId': 'executionId',
      '#executionStartTime': 'executionStartTime',
    };
    const values: Record<string, unknown> = {
      ':now': this.now().toISOString(),
      ':executionId': update.execution.id,
      ':startTime': normalizeStartTime(update.execution.startTime),
    };
    const sets = [
      '#updatedAt = :now',
      '#createdAt = if_not_exists(#createdAt, :now)',
      '#executionId = :executionId',
      '#executionStartTime = :startTime',
    ];
    for (const field of COPIED_FIELDS) {
      const value = update[field];
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    names['#error'] = 'error';
    // A tenant that switched identity mode must not keep showing the other mode's fields.
    // (identity is recorded with ROLE_READY only: a failed switch leaves the role, and its fields, as they were.)
    const removes = (update.identity ? OTHER_MODE_FIELDS[update.identity] : []).filter((field) => update[field] === undefined);
    // An update from a request (it names the cluster) that named no mode: no mode for a retry to ask for.
    if (update.clusterName !== undefined && update.requestedIdentity === undefined) removes.push('requestedIdentity');
    for (const field of removes) names[`#${field}`] = field;
    const removed = removes.map((field) => `, #${field}`).join('');
    let expression: string;
    if (update.error) {
      values[':error'] = errorAttribute(update.error);
      sets.push('#error = :error');
      expression = `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.map((f) => `#${f}`).join(', ')}` : ''}`;
    } else {
      // A later success must not keep showing the failure of an earlier step or run.
      expression = `SET ${sets.join(', ')} REMOVE #error${removed}`;
    }

    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { [STATUS_TABLE_PARTITION_KEY]: update.tenantId },
          UpdateExpression: expression,
          // A step of an older execution (a retry that ran late, a re-run overtaken by a newer one) must
          // never replace what a newer execution wrote. A record without a start time predates this rule.
          ConditionExpression:
            'attribute_not_exists(#tenantId) OR attribute_not_exists(#executionStartTime) OR #executionStartTime <= :startTime',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        }),
      );
      return { applied: true };
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException')) return { applied: false };
      throw mapAwsError(error, {
        service: 'DynamoDB',
        operation: 'UpdateItem',
        resource: `${this.tableName} tenant ${update.tenantId}`,
      });
    }
  }

  async get(tenantId: string): Promise<StatusRecord | undefined> {
    let item: Record<string, unknown> | undefined;
    try {
      const output = await this.documents.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { [STATUS_TABLE_PARTITION_KEY]: tenantId },
          // Support reads the status right after a run; an eventually consistent read could show the old one.
          ConsistentRead: true,
        }),
      );
      item = output.Item;
    } catch (error) {
      throw mapAwsError(error, { service: 'DynamoDB', operation: 'GetItem', resource: `${this.tableName} tenant ${tenantId}` });
    }
    // An item without a status holds only connections stored ahead of the tenant's first onboarding.
    if (item === undefined || typeof item.status !== 'string') return undefined;
    const record = toStatusRecord(item);
    const configs = item[CONNECTION_CONFIGS];
    const ids = typeof configs === 'object' && configs !== null ? Object.keys(configs) : [];
    const statuses = ids.length > 0 ? await this.connectionStatuses(tenantId, ids) : {};
    // A record written before statuses had items of their own keeps them in its connections map.
    if (record.connections !== undefined || Object.keys(statuses).length > 0) record.connections = { ...record.connections, ...statuses };
    return record;
  }

  async connectionStatus(tenantId: string, connectionId: string): Promise<ConnectionStatus | undefined> {
    const resource = `${this.tableName} tenant ${tenantId} connection ${connectionId}`;
    try {
      const output = await this.documents.send(
        new GetCommand({ TableName: this.tableName, Key: { [STATUS_TABLE_PARTITION_KEY]: connectionKey(tenantId, connectionId) }, ConsistentRead: true }),
      );
      if (!output.Item) return undefined;
      const { [STATUS_TABLE_PARTITION_KEY]: _key, ...status } = output.Item;
      return status as ConnectionStatus;
    } catch (error) {
      throw mapAwsError(error, { service: 'DynamoDB', operation: 'GetItem', resource });
    }
  }

  async connectionsInState(state: ConnectionState, page: { limit: number; startAfter?: ConnectionPageKey }): Promise<ConnectionPage> {
    let output;
    try {
      output = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: CONNECTIONS_BY_STATE_INDEX,
          KeyConditionExpression: '#state = :state',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':state': state },
          ScanIndexForward: false,
          Limit: page.limit,
          ...(page.startAfter
            ? {
                ExclusiveStartKey: {
                  [STATUS_TABLE_PARTITION_KEY]: page.startAfter.key,
                  state: page.startAfter.state,
                  updatedAt: page.startAfter.updatedAt,
                },
              }
            : {}),
        }),
      );
    } catch (error) {
      throw mapAwsError(error, { service: 'DynamoDB', operation: 'Query', resource: `${this.tableName} index ${CONNECTIONS_BY_STATE_INDEX} ${state}` });
    }
    const connections = (output.Items ?? []).map((item) => {
      const { [STATUS_TABLE_PARTITION_KEY]: key, ...status } = item;
      return { tenantId: tenantOfConnectionKey(String(key)), status: status as ConnectionStatus };
    });
    const last = output.LastEvaluatedKey;
    return {
      connections,
      ...(last ? { next: { key: String(last[STATUS_TABLE_PARTITION_KEY]), state: String(last.state), updatedAt: String(last.updatedAt) } } : {}),
    };
  }

  /** The statuses of these connections of the tenant, by connection id (strongly consistent reads). */
  private async connectionStatuses(tenantId: string, connectionIds: string[]): Promise<Record<string, ConnectionStatus>> {
    const statuses: Record<string, ConnectionStatus> = {};
    for (let i = 0; i < connectionIds.length; i += BATCH_GET_KEYS) {
      let keys: Record<string, unknown>[] | undefined = connectionIds
        .slice(i, i + BATCH_GET_KEYS)
        .map((id) => ({ [STATUS_TABLE_PARTITION_KEY]: connectionKey(tenantId, id) }));
      // Keys DynamoDB left unprocessed (throttling, a response over 16 MB) are asked for again.
      for (let round = 0; keys !== undefined && keys.length > 0; round += 1) {
        if (round > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 50 * 2 ** round)));
        if (round >= 8) throw new TransientAwsError(`DynamoDB left connection statuses of tenant ${tenantId} unread after ${round} tries`);
        let output;
        try {
          output = await this.documents.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }));
        } catch (error) {
          throw mapAwsError(error, { service: 'DynamoDB', operation: 'BatchGetItem', resource: `${this.tableName} tenant ${tenantId} connections` });
        }
        for (const found of output.Responses?.[this.tableName] ?? []) {
          const { [STATUS_TABLE_PARTITION_KEY]: _key, ...status } = found;
          statuses[(status as ConnectionStatus).connectionId] = status as ConnectionStatus;
        }
        keys = output.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
      }
    }
    return statuses;
  }

  async recordConnection(tenantId: string, status: ConnectionStatus): Promise<{ applied: boolean }> {
    const reserved = reservedKeyProblem(status.connectionId);
    if (reserved) throw new InvalidVerificationRequest([{ field: 'connectionId', problem: `connection id ${JSON.stringify(status.connectionId)} ${reserved}` }]);
    const resource = `${this.tableName} tenant ${tenantId} connection ${status.connectionId}`;
    // An item of its own (connectionKey): get() finds it through the tenant's stored connection.
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...plain({ ...status, execution: normalized(status.execution), updatedAt: this.now().toISOString() }),
            [STATUS_TABLE_PARTITION_KEY]: connectionKey(tenantId, status.connectionId),
          },
          // As for the tenant status: an older execution never overwrites what a newer one wrote.
          ConditionExpression: 'attribute_not_exists(#key) OR #execution.#startTime <= :startTime',
          ExpressionAttributeNames: { '#key': STATUS_TABLE_PARTITION_KEY, '#execution': 'execution', '#startTime': 'startTime' },
          ExpressionAttributeValues: { ':startTime': normalizeStartTime(status.execution.startTime) },
        }),
      );
      return { applied: true };
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException')) return { applied: false };
      throw mapAwsError(error, { service: 'DynamoDB', operation: 'PutItem', resource });
    }
  }

  async recordVerification(tenantId: string, summary: VerificationSummary): Promise<{ applied: boolean }> {
    const applied = await this.conditionalUpdate(`${this.tableName} tenant ${tenantId} verification`, {
      Key: { [STATUS_TABLE_PARTITION_KEY]: tenantId },
      UpdateExpression: 'SET #verification = :summary',
      ConditionExpression:
        'attribute_exists(#tenantId) AND (attribute_not_exists(#verification) OR #verification.#execution.#startTime <= :startTime)',
      ExpressionAttributeNames: {
        '#tenantId': STATUS_TABLE_PARTITION_KEY,
        '#verification': 'verification',
        '#execution': 'execution',
        '#startTime': 'startTime',
      },
      ExpressionAttributeValues: {
        ':summary': plain({ ...summary, execution: normalized(summary.execution), updatedAt: this.now().toISOString() }),
        ':startTime': normalizeStartTime(summary.execution.startTime),
      },
    });
    return { applied };
  }

  async saveConnections(
    tenantId: string,
    connections: Connection[],
    configuredAt: string,
    configuredBy = '',
  ): Promise<{ applied: string[]; superseded: string[] }> {
    // Checked before any write: a reserved id as a map key would be lost when the item is read back.
    const reserved = connections.flatMap((c, i) => {
      const problem = reservedKeyProblem(c.connectionId);
      return problem ? [{ field: `connections[${i}].connectionId`, problem: `connection id ${JSON.stringify(c.connectionId)} ${problem}` }] : [];
    });
    if (reserved.length > 0) throw new InvalidVerificationRequest(reserved);
    const resource = `${this.tableName} tenant ${tenantId} stored connections`;
    // Connections may come before the tenant's first status (a TenantCreated stores them before its
    // onboarding starts): the map is created with the item if need be. get() treats an item without a
    // status as no tenant, so this never makes an unknown tenant look onboarded.
    await this.conditionalUpdate(resource, {
      Key: { [STATUS_TABLE_PARTITION_KEY]: tenantId },
      UpdateExpression: 'SET #configs = if_not_exists(#configs, :empty)',
      ExpressionAttributeNames: { '#configs': CONNECTION_CONFIGS },
      ExpressionAttributeValues: { ':empty': {} },
    });
    const at = normalizeStartTime(configuredAt);
    const applied: string[] = [];
    const superseded: string[] = [];
    // One write per connection, each conditional on its own age — time first, then the configuring
    // event's id for two events of the same second — so an older configuration (a late, redelivered or
    // replayed event) never replaces a newer one and never blocks the others.
    for (const c of connections) {
      const written = await this.conditionalUpdate(resource, {
        Key: { [STATUS_TABLE_PARTITION_KEY]: tenantId },
        UpdateExpression: 'SET #configs.#id = :config',
        ConditionExpression:
          'attribute_not_exists(#configs.#id) OR attribute_not_exists(#configs.#id.#at) OR #configs.#id.#at < :at OR ' +
          '(#configs.#id.#at = :at AND (attribute_not_exists(#configs.#id.#by) OR #configs.#id.#by <= :by))',
        ExpressionAttributeNames: { '#configs': CONNECTION_CONFIGS, '#id': c.connectionId, '#at': 'configuredAt', '#by': 'configuredBy' },
        ExpressionAttributeValues: {
          ':config': {
            connectionId: c.connectionId,
            roleArn: c.roleArn,
            externalId: c.externalId,
            ...(c.resource ? { resource: c.resource } : {}),
            configuredAt: at,
            configuredBy,
          },
          ':at': at,
          ':by': configuredBy,
        },
      });
      (written ? applied : superseded).push(c.connectionId);
    }
    return { applied, superseded };
  }

  async noteRejectedEvent(tenantId: string, note: RejectedEventNote): Promise<{ applied: boolean }> {
    const applied = await this.conditionalUpdate(`${this.tableName} tenant ${tenantId} rejected event`, {
      Key: { [STATUS_TABLE_PARTITION_KEY]: tenantId },
      UpdateExpression: 'SET #note = :note',
      ConditionExpression: 'attribute_exists(#tenantId)',
      ExpressionAttributeNames: { '#note': 'lastRejectedEvent', '#tenantId': STATUS_TABLE_PARTITION_KEY },
      ExpressionAttributeValues: { ':note': plain(note) },
    });
    return { applied };
  }

  async storedConnections(tenantId: string): Promise<Connection[]> {
    try {
      const output = await this.documents.send(
        new GetCommand({
          TableName: this.tableName,
          Key: { [STATUS_TABLE_PARTITION_KEY]: tenantId },
          ProjectionExpression: '#configs',
          ExpressionAttributeNames: { '#configs': CONNECTION_CONFIGS },
          ConsistentRead: true,
        }),
      );
      const configs = output.Item?.[CONNECTION_CONFIGS] as Record<string, Connection & { configuredAt?: string }> | undefined;
      return Object.values(configs ?? {})
        .map(({ connectionId, roleArn, externalId, resource }) => ({ connectionId, roleArn, externalId, ...(resource ? { resource } : {}) }))
        .sort((a, b) => a.connectionId.localeCompare(b.connectionId));
    } catch (error) {
      throw mapAwsError(error, { service: 'DynamoDB', operation: 'GetItem', resource: `${this.tableName} tenant ${tenantId}` });
    }
  }

  /** True when applied, false when the condition failed; other errors are mapped and thrown. */
  private async conditionalUpdate(
    resource: string,
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>,
  ): Promise<boolean> {
    try {
      await this.documents.send(new UpdateCommand({ TableName: this.tableName, ...input }));
      return true;
    } catch (error) {
      if (isAwsError(error, 'ConditionalCheckFailedException')) return false;
      throw mapAwsError(error, { service: 'DynamoDB', operation: 'UpdateItem', resource });
    }
  }
}

/** Drops undefined members (DynamoDB rejects them) from a JSON-shaped value. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function normalized(execution: { id: string; startTime: string }) {
  return { id: execution.id, startTime: normalizeStartTime(execution.startTime) };
}

function errorAttribute(error: StatusError): StatusError {
  // Undefined members are dropped here so the write works whatever the client's marshall options.
  return {
    name: error.name,
    message: error.message,
    ...(error.problems !== undefined ? { problems: error.problems.map((p) => ({ field: p.field, problem: p.problem })) } : {}),
  };
}

function toStatusRecord(item: Record<string, unknown>): StatusRecord {
  const text = (key: string): string => {
    const value = item[key];
    return typeof value === 'string' ? value : '';
  };
  const record: StatusRecord = {
    tenantId: text(STATUS_TABLE_PARTITION_KEY),
    status: text('status') as StatusRecord['status'],
    summary: text('summary'),
    execution: { id: text('executionId'), startTime: text('executionStartTime') },
    createdAt: text('createdAt'),
    updatedAt: text('updatedAt'),
  };
  for (const field of COPIED_FIELDS) {
    if (field === 'status' || field === 'summary') continue;
    const value = item[field];
    if (field === 'identity' || field === 'requestedIdentity') {
      if (value === 'irsa' || value === 'podIdentity') record[field] = value;
    } else if (typeof value === 'string') record[field] = value;
  }
  const error = item.error;
  if (typeof error === 'object' && error !== null) record.error = error as StatusError;
  if (typeof item.connections === 'object' && item.connections !== null) {
    record.connections = item.connections as Record<string, ConnectionStatus>;
  }
  if (typeof item.verification === 'object' && item.verification !== null) {
    record.verification = item.verification as VerificationSummary;
  }
  if (typeof item.lastRejectedEvent === 'object' && item.lastRejectedEvent !== null) {
    record.lastRejectedEvent = item.lastRejectedEvent as RejectedEventNote;
  }
  return record;
}

/** The document client the store reads and writes with: attributes left undefined are not written. */
export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

export const statusStoreAdapter: AdapterFactory<StatusStore> = (config) =>
  new DynamoDbStatusStore(documentClient(sharedClient('dynamodb', DynamoDBClient, config.region)), config.statusTableName);
