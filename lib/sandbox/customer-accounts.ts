// The customers' side of a scenario: their accounts, the regions where they turned STS off, and the
// changes they make right after the Nth AssumeRole call against their account (fix or break a trust
// policy, delete or create a role). Attempts against accounts that are not a scenario's customers are
// counted too, with nothing scheduled.
import type { ScenarioChange, ScenarioCustomer } from './scenario';

interface CustomerState {
  index: number;
  definition: ScenarioCustomer;
  attempts: number;
}

/** What exportState() gives and importState() takes back (Maps kept: see state-codec). */
export interface CustomerAccountsState {
  customerAttempts: Record<string, number>;
  otherAttempts: unknown;
  stsDisabledRegions: unknown;
}

export class CustomerAccounts {
  private readonly customers = new Map<string, CustomerState>();
  /** Attempts against accounts that are not a scenario's customers: counted, nothing scheduled. */
  private readonly otherAttempts = new Map<string, number>();
  private readonly stsDisabledRegions = new Map<string, Set<string>>();

  /** `apply` makes a scheduled change in the customer's account, as the customer would. */
  constructor(private readonly apply: (accountId: string, change: ScenarioChange) => void) {}

  add(customer: ScenarioCustomer, index: number): void {
    this.customers.set(customer.accountId, { index, definition: customer, attempts: 0 });
    for (const region of customer.stsDisabledRegions) this.disableSts(customer.accountId, region);
  }

  disableSts(accountId: string, region: string): void {
    const regions = this.stsDisabledRegions.get(accountId) ?? new Set<string>();
    regions.add(region);
    this.stsDisabledRegions.set(accountId, regions);
  }

  stsDisabled(accountId: string, region: string): boolean {
    return this.stsDisabledRegions.get(accountId)?.has(region) ?? false;
  }

  /** How many AssumeRole calls targeted a role in the account so far (what a scenario's changes count). */
  attempts(accountId: string): number {
    return this.customers.get(accountId)?.attempts ?? this.otherAttempts.get(accountId) ?? 0;
  }

  /** After a customer account's Nth attempt, the customer makes the change the scenario scheduled. */
  attempted(accountId: string): void {
    const customer = this.customers.get(accountId);
    if (!customer) {
      this.otherAttempts.set(accountId, (this.otherAttempts.get(accountId) ?? 0) + 1);
      return;
    }
    customer.attempts += 1;
    customer.definition.changes.forEach((change, j) => {
      if (change.afterAttempts !== customer.attempts) return;
      try {
        this.apply(accountId, change);
      } catch (error) {
        const e = error as Error;
        throw new Error(`Scenario change customers[${customer.index}].changes[${j}] (${change.role}) could not be applied: ${e.name}: ${e.message}`);
      }
    });
  }

  exportState(): CustomerAccountsState {
    return {
      customerAttempts: Object.fromEntries([...this.customers].map(([accountId, c]) => [accountId, c.attempts])),
      otherAttempts: this.otherAttempts,
      stsDisabledRegions: this.stsDisabledRegions,
    };
  }

  importState(state: CustomerAccountsState): void {
    for (const [accountId, attempts] of Object.entries(state.customerAttempts)) {
      const customer = this.customers.get(accountId);
      if (customer) customer.attempts = attempts;
    }
    this.otherAttempts.clear();
    for (const [accountId, n] of state.otherAttempts as Map<string, number>) this.otherAttempts.set(accountId, n);
    this.stsDisabledRegions.clear();
    for (const [accountId, regions] of state.stsDisabledRegions as Map<string, Set<string>>) this.stsDisabledRegions.set(accountId, regions);
  }
}
