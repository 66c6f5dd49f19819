// The tenants a scenario is for, which a one-shot sandbox may onboard for a command that names one: a
// tenant whose dataplane role the scenario names (customers' trust policies, existing roles), whose
// Spark attempts it lists, or whose EKS cluster it holds as `<tenant>-<suffix>` (acme-prod). Any other
// tenant is unknown there, as it would be on a stack that never onboarded it.
import type { Scenario } from '../sandbox';

const DATAPLANE_ROLE = /(?:role\/|")([\w+=.@-]{1,49})-dataplane-role\b/g;

export function scenarioTenants(scenario: Scenario): string[] {
  const found = new Set<string>();
  for (const match of JSON.stringify(scenario).matchAll(DATAPLANE_ROLE)) found.add(match[1]!);
  for (const attempt of scenario.sparkAttempts ?? []) found.add(attempt.tenant);
  for (const cluster of scenario.clusters) {
    const dash = cluster.name.lastIndexOf('-');
    if (dash > 0) found.add(cluster.name.slice(0, dash));
  }
  return [...found].sort();
}
