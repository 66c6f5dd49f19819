// Simulated Athena, for the permission probes: the customers' workgroups (per account and region) and
// GetWorkGroup. The call is authorized first (Athena has no resource policies, and RCPs do not cover
// it), then the workgroup looked up. Texts: real responses, as public issue trackers show them.
import { decideResourceAccess, type AuthorizationWorld } from './authorization';
import { awsError } from './service-errors';
import type { CallContext, Operation, ServiceSimulator } from './simulation';
import { replaceContents } from './state-codec';

export interface StoredWorkgroup {
  name: string;
  accountId: string;
  region: string;
  state: 'ENABLED' | 'DISABLED';
  /** s3://bucket/prefix/ where query results go. */
  outputLocation?: string;
  createdAt: Date;
}

export interface WorkgroupDefinition {
  name: string;
  accountId: string;
  region: string;
  state?: 'ENABLED' | 'DISABLED';
  outputLocation?: string;
}

export function workgroupArn(accountId: string, region: string, name: string): string {
  return `arn:aws:athena:${region}:${accountId}:workgroup/${name}`;
}

function key(accountId: string, region: string, name: string): string {
  return `${accountId}/${region}/${name}`;
}

export class AthenaSimulator implements ServiceSimulator {
  private readonly workgroups = new Map<string, StoredWorkgroup>();
  readonly operations: Record<string, Operation>;

  constructor(private readonly world: () => AuthorizationWorld) {
    this.operations = {
      GetWorkGroup: (input, ctx) => {
        const name = typeof input.WorkGroup === 'string' ? input.WorkGroup : '';
        this.authorize(ctx, 'athena:GetWorkGroup', workgroupArn(ctx.accountId, ctx.region, name));
        const workgroup = this.workgroups.get(key(ctx.accountId, ctx.region, name));
        // A real response reads "WorkGroup <name> is not found" (floci says AWS adds a period; the capture has none).
        if (!workgroup) throw awsError('athena', 'InvalidRequestException', `WorkGroup ${name} is not found`);
        return { WorkGroup: workgroupOutput(workgroup) };
      },
    };
  }

  addWorkgroup(definition: WorkgroupDefinition, now: number): StoredWorkgroup {
    const workgroup: StoredWorkgroup = {
      name: definition.name,
      accountId: definition.accountId,
      region: definition.region,
      state: definition.state ?? 'ENABLED',
      createdAt: new Date(now),
      ...(definition.outputLocation !== undefined ? { outputLocation: definition.outputLocation } : {}),
    };
    this.workgroups.set(key(workgroup.accountId, workgroup.region, workgroup.name), workgroup);
    return workgroup;
  }

  exportState(): unknown {
    return { workgroups: this.workgroups };
  }

  importState(state: { workgroups: Map<string, StoredWorkgroup> } | undefined): void {
    if (state) replaceContents(this.workgroups, state.workgroups);
  }

  private authorize(ctx: CallContext, action: string, resource: string): void {
    const decision = decideResourceAccess(
      { caller: ctx.principal, action, resource, resourceAccountId: ctx.accountId, rcpApplies: false, region: ctx.region, now: ctx.now },
      this.world(),
    );
    // Athena names neither the caller nor the policy that refused it.
    if (!decision.allowed) {
      throw awsError(
        'athena',
        'AccessDeniedException',
        `You are not authorized to perform: ${action} on the resource. After your AWS administrator or you have updated your permissions, please try again.`,
      );
    }
  }
}

function workgroupOutput(w: StoredWorkgroup): Record<string, unknown> {
  return {
    Name: w.name,
    State: w.state,
    Configuration: {
      ...(w.outputLocation !== undefined ? { ResultConfiguration: { OutputLocation: w.outputLocation } } : {}),
      EnforceWorkGroupConfiguration: false,
      PublishCloudWatchMetricsEnabled: false,
      RequesterPaysEnabled: false,
      EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
    },
    Description: '',
    CreationTime: new Date(w.createdAt),
  };
}
